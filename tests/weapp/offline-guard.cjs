/**
 * Keeps WeChat's tooling (miniprogram-ci) offline: any TCP connection to a non-loopback host fails
 * at once (as on a closed network, but without waiting for a timeout) and is recorded.
 * Loaded in the test process and, through NODE_OPTIONS=--require, in any process it forks.
 * Attempts are appended to the file named by OFFLINE_GUARD_LOG (if set) so the parent can assert none.
 */
'use strict';
const net = require('node:net');
const fs = require('node:fs');

if (!net.Socket.prototype.__offlineGuard) {
  const original = net.Socket.prototype.connect;
  const isLoopback = (host) => host === undefined || host === 'localhost' || host === '::1' || /^127\./.test(host) || host === '';

  net.Socket.prototype.connect = function guardedConnect(...args) {
    const first = args[0];
    const options = first && typeof first === 'object' && !Array.isArray(first) ? first : null;
    const host = options ? options.host : typeof args[1] === 'string' ? args[1] : undefined;
    const isPipe = options ? typeof options.path === 'string' : typeof first === 'string';
    if (isPipe || isLoopback(host)) return original.apply(this, args);
    const message = `offline guard: blocked connection to ${host}:${options ? options.port : args[0]}`;
    if (process.env.OFFLINE_GUARD_LOG) {
      try {
        fs.appendFileSync(process.env.OFFLINE_GUARD_LOG, `${process.pid} ${message}\n`);
      } catch {}
    }
    const error = Object.assign(new Error(message), { code: 'ECONNREFUSED' });
    process.nextTick(() => this.destroy(error));
    return this;
  };
  Object.defineProperty(net.Socket.prototype, '__offlineGuard', { value: true });
}
