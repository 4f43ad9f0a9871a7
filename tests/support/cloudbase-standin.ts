/**
 * A local stand-in for Tencent Cloud's API (services tcb and scf), reached the way the real
 * `@cloudbase/manager-node` reaches anything through a proxy (its `http_proxy` support): an HTTP
 * proxy on 127.0.0.1 that accepts CONNECT for *.tencentcloudapi.com:443, terminates TLS itself
 * with a throw-away certificate for *.tencentcloudapi.com (made with openssl for this run; the
 * client trusts it through NODE_EXTRA_CA_CERTS, so certificate checks stay on) and answers the API
 * calls from an in-memory environment. Every call is recorded: host, action, Authorization header,
 * body. Nothing leaves the machine: the stand-in never resolves or dials the host a CONNECT names.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';

export interface RecordedCall {
  host: string;
  action: string;
  authorization: string;
  body: Record<string, unknown>;
}

interface StandinIndex {
  Name: string;
  Keys: { Name: string; Direction: string }[];
  Unique: boolean;
}

interface StandinFunction {
  Runtime: string;
  Timeout: number;
  MemorySize: number;
  Description: string;
  Variables: { Key: string; Value: string }[];
  Triggers: { TriggerName: string; Type: string; TriggerDesc: string }[];
  ZipFile: string;
  InstallDependency: string;
}

export interface StandinState {
  tables: Map<string, { indexes: StandinIndex[]; acl: string }>;
  functions: Map<string, StandinFunction>;
}

class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: API bodies are free-form JSON, read field by field as the real API does
type Body = Record<string, any>;

function handle(state: StandinState, envId: string, action: string, body: Body): Body {
  const table = (name: string) => {
    const t = state.tables.get(name);
    if (!t) throw new ApiError('ResourceNotFound', `table ${name} not found`);
    return t;
  };
  const fn = (name: string) => {
    const f = state.functions.get(name);
    if (!f) throw new ApiError('ResourceNotFound.FunctionName', `function ${name} not found`);
    return f;
  };
  switch (action) {
    case 'DescribeEnvInfo':
      return {
        EnvInfo: {
          EnvBaseInfo: {
            EnvId: envId,
            Alias: 'stand-in',
            Status: 'NORMAL',
            Databases: [{ InstanceId: 'db-standin' }],
            Functions: [{ Namespace: envId }],
            Storages: [],
          },
        },
      };
    case 'ListTables': {
      const names = [...state.tables.keys()];
      const offset = Number(body.MgoOffset ?? 0);
      const limit = Number(body.MgoLimit ?? 100);
      return {
        Tables: names.slice(offset, offset + limit).map((TableName) => ({ TableName })),
        Pager: { Offset: offset, Limit: limit, Total: names.length },
      };
    }
    case 'DescribeTable':
      return { Indexes: table(body.TableName).indexes, IndexNum: table(body.TableName).indexes.length };
    case 'CreateTable':
      if (state.tables.has(body.TableName)) throw new ApiError('ResourceInUse', `table ${body.TableName} exists`);
      state.tables.set(body.TableName, {
        indexes: [{ Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true }],
        acl: 'PRIVATE',
      });
      return {};
    case 'UpdateTable': {
      const t = table(body.TableName);
      if (body.DropIndexes?.length) throw new ApiError('StandIn.Forbidden', 'the deploy must never drop an index');
      for (const index of body.CreateIndexes ?? []) {
        if (t.indexes.some((i) => i.Name === index.IndexName)) throw new ApiError('ResourceInUse', `index ${index.IndexName} exists`);
        t.indexes.push({ Name: index.IndexName, Keys: index.MgoKeySchema.MgoIndexKeys, Unique: index.MgoKeySchema.MgoIsUnique });
      }
      return {};
    }
    case 'DescribeDatabaseACL':
      return { AclTag: table(body.CollectionName).acl };
    case 'ModifyDatabaseACL':
      table(body.CollectionName).acl = body.AclTag;
      return {};
    case 'GetFunction': {
      const f = fn(body.FunctionName);
      return { FunctionName: body.FunctionName, Status: 'Active', ...f, Environment: { Variables: f.Variables }, ZipFile: undefined };
    }
    case 'CreateFunction':
      if (state.functions.has(body.FunctionName)) throw new ApiError('ResourceInUse.FunctionName', 'exists');
      state.functions.set(body.FunctionName, {
        Runtime: body.Runtime,
        Timeout: body.Timeout,
        MemorySize: body.MemorySize,
        Description: body.Description ?? '',
        Variables: body.Environment?.Variables ?? [],
        Triggers: [],
        ZipFile: body.Code?.ZipFile ?? '',
        InstallDependency: body.InstallDependency,
      });
      return {};
    case 'UpdateFunctionCode':
      Object.assign(fn(body.FunctionName), { ZipFile: body.Code?.ZipFile ?? '', InstallDependency: body.InstallDependency });
      return {};
    case 'UpdateFunctionConfiguration': {
      const f = fn(body.FunctionName);
      if (body.Timeout !== undefined) f.Timeout = body.Timeout;
      if (body.MemorySize !== undefined) f.MemorySize = body.MemorySize;
      if (body.Description !== undefined) f.Description = body.Description;
      if (body.Environment) f.Variables = body.Environment.Variables;
      return {};
    }
    case 'BatchCreateTrigger': {
      const f = fn(body.FunctionName);
      for (const t of JSON.parse(body.Triggers) as { TriggerName: string; Type: string; TriggerDesc: string }[]) {
        if (f.Triggers.some((x) => x.TriggerName === t.TriggerName))
          throw new ApiError('ResourceInUse.Trigger', `trigger ${t.TriggerName} exists`);
        f.Triggers.push({ TriggerName: t.TriggerName, Type: t.Type, TriggerDesc: JSON.stringify({ cron: t.TriggerDesc }) });
      }
      return {};
    }
    case 'DeleteTrigger': {
      const f = fn(body.FunctionName);
      f.Triggers = f.Triggers.filter((t) => t.TriggerName !== body.TriggerName);
      return {};
    }
    default:
      throw new ApiError('InvalidAction', `the stand-in does not know ${action}`);
  }
}

export interface Standin {
  proxyUrl: string;
  /** The stand-in's certificate (PEM), for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  calls: RecordedCall[];
  state: StandinState;
  close(): Promise<void>;
}

/** A throw-away key and certificate for *.tencentcloudapi.com, made for this run; the folder goes at close(). */
function selfSignedCertificate(dir: string): { key: Buffer; cert: Buffer } {
  const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=tencentcloudapi.com'];
  args.push('-addext', 'subjectAltName=DNS:*.tencentcloudapi.com', '-keyout', 'key.pem', '-out', 'cert.pem');
  try {
    execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  } catch (error) {
    throw new Error(`the CloudBase stand-in needs openssl to make its certificate (apt-get install openssl): ${(error as Error).message}`);
  }
  return { key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) };
}

export async function startStandin(envId: string): Promise<Standin> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cloudbase-standin-'));
  const { key, cert } = selfSignedCertificate(dir);
  const calls: RecordedCall[] = [];
  const state: StandinState = { tables: new Map(), functions: new Map() };
  const api = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const action = String(req.headers['x-tc-action'] ?? '');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Body;
      calls.push({ host: String(req.headers.host ?? ''), action, authorization: String(req.headers.authorization ?? ''), body });
      let response: Body;
      try {
        response = { ...handle(state, envId, action, body), RequestId: `standin-${calls.length}` };
      } catch (error) {
        const e = error as ApiError;
        response = { Error: { Code: e.code ?? 'InternalError', Message: e.message }, RequestId: `standin-${calls.length}` };
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ Response: response }));
    });
  });
  const sockets = new Set<net.Socket>();
  const proxy = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.once('data', (head) => {
      if (!/^CONNECT [a-z0-9.-]+\.tencentcloudapi\.com:443 HTTP\/1\.[01]\r\n/.test(head.toString('latin1'))) {
        socket.end('HTTP/1.1 405 Method Not Allowed\r\n\r\n');
        return;
      }
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      api.emit('connection', new tls.TLSSocket(socket, { isServer: true, key, cert }));
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as net.AddressInfo;
  return {
    proxyUrl: `http://127.0.0.1:${port}`,
    caFile: path.join(dir, 'cert.pem'),
    calls,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        proxy.close(() => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
