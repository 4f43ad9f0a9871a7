/**
 * Tests talk to loopback only. Any attempt to open a connection elsewhere throws, loudly,
 * instead of silently reaching (or hanging on) a real WeChat or CloudBase host.
 * Loaded by jest (setupFiles) and, through NODE_OPTIONS=--require, by every process the
 * local cloud starts during tests (function instances, servers).
 */
const net = require('node:net');

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/;

function targetHost(args) {
  let first = args[0];
  if (Array.isArray(first)) first = first[0]; // internal normalized form [options, cb]
  if (first && typeof first === 'object') {
    if (first.path) return undefined; // unix socket
    return first.host || 'localhost';
  }
  if (typeof first === 'number' || /^\d+$/.test(String(first))) {
    return typeof args[1] === 'string' ? args[1] : 'localhost';
  }
  return undefined; // a path string: unix socket
}

if (!net.Socket.prototype.__networkGuard) {
  const originalConnect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(...args) {
    const host = targetHost(args);
    if (host !== undefined && !LOOPBACK.test(host)) {
      throw new Error(`network guard: connection to non-loopback host "${host}" refused in tests`);
    }
    return originalConnect.apply(this, args);
  };
  net.Socket.prototype.__networkGuard = true;
}
