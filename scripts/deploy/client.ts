/**
 * The deploy's one boundary with CloudBase: a narrow interface, and its implementation on
 * CloudBase's own management SDK `@cloudbase/manager-node` (the library the CloudBase CLI is built
 * on). Credentials are passed in memory only; nothing here writes or prints them.
 */
import path from 'node:path';
import CloudBase from '@cloudbase/manager-node';
import type { IndexDirection, IndexSpec } from '../../database/indexes';
import type { DesiredFunction, Trigger } from './desired';

export interface RemoteIndex {
  name: string;
  fields: { field: string; direction: IndexDirection }[];
  unique: boolean;
}

export interface RemoteFunction {
  runtime: string;
  timeout: number;
  memorySize: number;
  description: string;
  env: Record<string, string>;
  triggers: Trigger[];
}

export interface DeployClient {
  listCollections(): Promise<string[]>;
  listIndexes(collection: string): Promise<RemoteIndex[]>;
  createCollection(collection: string): Promise<void>;
  createIndexes(collection: string, indexes: readonly IndexSpec[]): Promise<void>;
  getCollectionAcl(collection: string): Promise<string | undefined>;
  setCollectionAcl(collection: string, aclTag: string): Promise<void>;
  /** undefined when the function does not exist. */
  getFunction(name: string): Promise<RemoteFunction | undefined>;
  /** Creates the function with its code, settings, variables and triggers. */
  createFunction(fn: DesiredFunction, description: string, env: Record<string, string>): Promise<void>;
  updateFunctionCode(fn: DesiredFunction): Promise<void>;
  updateFunctionSettings(fn: DesiredFunction, description: string, env: Record<string, string>): Promise<void>;
  createTrigger(functionName: string, trigger: Trigger): Promise<void>;
  deleteTrigger(functionName: string, triggerName: string): Promise<void>;
}

export interface Credentials {
  secretId: string;
  secretKey: string;
  /** Temporary credentials (STS) only. */
  token?: string;
}

/** What goes into the code package: the bundle, package.json and config.json — not the TypeScript sources. */
const PACKAGE_IGNORE = ['src', 'src/**', '**/*.map', 'node_modules', 'node_modules/**'];

const PAGE = 100;

/** An index key's direction as the management API spells it ('1', '-1', '2dsphere'). */
const directionOf = (direction: string | undefined): IndexDirection =>
  direction === '-1' ? -1 : direction === '2dsphere' ? '2dsphere' : 1;

function timerCron(desc: string | undefined): string {
  if (!desc) return '';
  try {
    const parsed = JSON.parse(desc) as { cron?: string };
    return parsed.cron ?? desc;
  } catch {
    return desc;
  }
}

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  return code.startsWith('ResourceNotFound');
}

export function cloudbaseClient(envId: string, credentials: Credentials): DeployClient {
  const app = new CloudBase({ envId, ...credentials });
  const tcb = () => app.commonService('tcb');
  const cloudFunction = (fn: DesiredFunction, description: string, env: Record<string, string>) => ({
    name: fn.name,
    description,
    runtime: fn.runtime,
    timeout: fn.timeout,
    memorySize: fn.memorySize,
    envVariables: env,
    installDependency: true,
    handler: 'index.main',
    ignore: PACKAGE_IGNORE,
  });
  const root = (fn: DesiredFunction) => path.dirname(fn.dir);

  return {
    async listCollections() {
      const names: string[] = [];
      for (let offset = 0; ; offset += PAGE) {
        const page = await app.database.listCollections({ MgoLimit: PAGE, MgoOffset: offset });
        names.push(...page.Collections.map((c) => c.CollectionName));
        if (page.Collections.length < PAGE) return names;
      }
    },
    async listIndexes(collection) {
      const table = await app.database.describeCollection(collection);
      return (table.Indexes ?? []).map((index) => ({
        name: index.Name,
        unique: Boolean(index.Unique),
        fields: (index.Keys ?? []).map((k) => ({ field: k.Name ?? '', direction: directionOf(k.Direction) })),
      }));
    },
    async createCollection(collection) {
      await app.database.createCollection(collection);
    },
    async createIndexes(collection, indexes) {
      await app.database.updateCollection(collection, {
        CreateIndexes: indexes.map((index) => ({
          IndexName: index.name,
          MgoKeySchema: {
            MgoIsUnique: Boolean(index.unique),
            MgoIndexKeys: index.fields.map((f) => ({ Name: f.field, Direction: String(f.direction) })),
          },
        })),
      });
    },
    async getCollectionAcl(collection) {
      const res = (await tcb().call({ Action: 'DescribeDatabaseACL', Param: { EnvId: envId, CollectionName: collection } })) as {
        AclTag?: string;
      };
      return res.AclTag;
    },
    async setCollectionAcl(collection, aclTag) {
      await tcb().call({ Action: 'ModifyDatabaseACL', Param: { EnvId: envId, CollectionName: collection, AclTag: aclTag } });
    },
    async getFunction(name) {
      try {
        const info = (await app.functions.getFunctionDetail(name)) as unknown as {
          Runtime?: string;
          Timeout?: number;
          MemorySize?: number;
          Description?: string;
          Environment?: { Variables?: { Key: string; Value: string }[] };
          Triggers?: { TriggerName?: string; Type?: string; TriggerDesc?: string }[];
        };
        return {
          runtime: info.Runtime ?? '',
          timeout: info.Timeout ?? 0,
          memorySize: info.MemorySize ?? 0,
          description: info.Description ?? '',
          env: Object.fromEntries((info.Environment?.Variables ?? []).map((v) => [v.Key, v.Value])),
          triggers: (info.Triggers ?? []).map((t) => ({ name: t.TriggerName ?? '', type: t.Type ?? '', config: timerCron(t.TriggerDesc) })),
        };
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
    async createFunction(fn, description, env) {
      await app.functions.createFunction({
        func: { ...cloudFunction(fn, description, env), triggers: fn.triggers },
        functionRootPath: root(fn),
        deployMode: 'zip',
      });
    },
    async updateFunctionCode(fn) {
      await app.functions.updateFunctionCode({ func: cloudFunction(fn, '', {}), functionRootPath: root(fn), deployMode: 'zip' });
      await app.functions.waitFunctionActive(fn.name);
    },
    async updateFunctionSettings(fn, description, env) {
      const { runtime: _runtime, ...settings } = cloudFunction(fn, description, env);
      await app.functions.waitFunctionActive(fn.name);
      await app.functions.updateFunctionConfig(settings);
      await app.functions.waitFunctionActive(fn.name);
    },
    async createTrigger(functionName, trigger) {
      await app.functions.createFunctionTriggers(functionName, [trigger]);
    },
    async deleteTrigger(functionName, triggerName) {
      await app.functions.deleteFunctionTrigger(functionName, triggerName);
    },
  };
}
