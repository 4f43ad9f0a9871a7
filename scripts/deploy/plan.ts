/**
 * The plan: what the deploy will create, change or leave alone, computed from the desired state
 * (desired.ts) and, when online, what the environment holds (observe.ts). Offline (`--plan`)
 * nothing is known about the environment, so every item is "ensure": created if missing, updated
 * if different. Pure: no I/O, and no variable value ever enters a Change.
 */
import type { IndexDirection, IndexSpec } from '../../database/indexes';
import type { RemoteFunction, RemoteIndex } from './client';
import type { Desired, DesiredFunction } from './desired';

export type Action = 'create' | 'update' | 'keep' | 'ensure' | 'differs';
export type ChangeKind = 'collection' | 'index' | 'rule' | 'function' | 'code' | 'settings' | 'variables' | 'trigger';

export interface Change {
  kind: ChangeKind;
  /** collection or function name */
  owner: string;
  /** index, trigger or variable name(s); the owner itself otherwise */
  target: string;
  action: Action;
  detail: string;
}

export interface ObservedCollection {
  exists: boolean;
  indexes: RemoteIndex[];
  acl: string | undefined;
}

export interface Observed {
  collections: Record<string, ObservedCollection>;
  /** undefined = the function does not exist */
  functions: Record<string, RemoteFunction | undefined>;
}

/** The function's description carries its code hash, so an unchanged bundle is left alone. */
export const describeCode = (hash: string | undefined) => `bundle ${hash ?? 'unbuilt'} (npm run deploy)`;
const remoteHash = (description: string) => /^bundle (\S+)/.exec(description)?.[1];

export const indexFields = (fields: readonly { field: string; direction: IndexDirection }[]) =>
  fields.map((f) => `${f.field} ${f.direction}`).join(', ');
const indexText = (index: IndexSpec) => `${indexFields(index.fields)}${index.unique ? ', unique' : ''}`;
const sameIndex = (a: IndexSpec, b: RemoteIndex) => indexText(a) === `${indexFields(b.fields)}${b.unique ? ', unique' : ''}`;

/** The variables to set: what the function has now, with the env file's declared values on top (undeclared ones are kept). */
export function mergedVariables(fn: DesiredFunction, remote: RemoteFunction | undefined): Record<string, string> {
  const merged = { ...(remote?.env ?? {}) };
  for (const v of fn.variables) if (v.value !== undefined) merged[v.name] = v.value;
  return merged;
}

function planCollections(desired: Desired, observed: Observed | undefined): Change[] {
  return desired.collections.flatMap((c): Change[] => {
    const seen = observed?.collections[c.name];
    const collection: Change = {
      kind: 'collection',
      owner: c.name,
      target: c.name,
      action: !observed ? 'ensure' : seen?.exists ? 'keep' : 'create',
      detail: `${c.indexes.length} index(es)`,
    };
    const indexes = c.indexes.map((index): Change => {
      const remote = seen?.indexes.find((r) => r.name === index.name);
      const action: Action = !observed ? 'ensure' : !remote ? 'create' : sameIndex(index, remote) ? 'keep' : 'differs';
      const detail =
        action === 'differs' && remote
          ? `${indexText(index)} — 云端同名索引是 (the environment has) ${indexFields(remote.fields)}${remote.unique ? ', unique' : ''}; 不会删改，请在控制台处理 (never dropped or changed: fix by hand)`
          : indexText(index);
      return { kind: 'index', owner: c.name, target: index.name, action, detail };
    });
    const rule: Change = {
      kind: 'rule',
      owner: c.name,
      target: c.acl,
      action: !observed ? 'ensure' : seen?.acl === c.acl ? 'keep' : seen?.exists ? 'update' : 'create',
      detail: `安全规则 ${c.acl}：客户端不可读写，只经云函数访问 (client access denied)${seen?.acl && seen.acl !== c.acl ? `; now ${seen.acl}` : ''}`,
    };
    return [collection, ...indexes, rule];
  });
}

function planFunction(fn: DesiredFunction, observed: Observed | undefined): Change[] {
  const known = observed !== undefined;
  const remote = observed?.functions[fn.name];
  const exists = remote !== undefined;
  const fresh: Action = !known ? 'ensure' : 'create';
  const changes: Change[] = [];
  const add = (kind: ChangeKind, target: string, action: Action, detail: string) =>
    changes.push({ kind, owner: fn.name, target, action, detail });

  add(
    'function',
    fn.name,
    !known ? 'ensure' : exists ? 'keep' : 'create',
    `${fn.runtime}; openapi: ${fn.openapi.length ? fn.openapi.join(', ') : '—'}`,
  );
  add(
    'code',
    fn.codeHash ?? 'unbuilt',
    !exists ? fresh : remoteHash(remote.description) === fn.codeHash ? 'keep' : 'update',
    fn.codeHash
      ? `index.js + package.json + config.json, sha256 ${fn.codeHash}；云端安装依赖`
      : '未构建 (not built): npm run build:functions',
  );
  const settings = `timeout ${fn.timeout}s, memory ${fn.memorySize} MB`;
  const settingsSame = exists && remote.timeout === fn.timeout && remote.memorySize === fn.memorySize;
  add(
    'settings',
    fn.name,
    !exists ? fresh : settingsSame ? 'keep' : 'update',
    exists && !settingsSame ? `${settings} (now ${remote.timeout}s, ${remote.memorySize} MB)` : settings,
  );

  const set = fn.variables.filter((v) => v.value !== undefined);
  const unset = fn.variables.filter((v) => v.value === undefined);
  const differing = exists ? set.filter((v) => remote.env[v.name] !== v.value).map((v) => v.name) : set.map((v) => v.name);
  const names = (list: { name: string }[]) => list.map((v) => v.name).join(', ');
  const unsetText = unset.length
    ? `; 未设置的可选变量 (optional, not set): ${names(unset)}${exists ? '（云端已有的值保留 kept if set)' : ''}`
    : '';
  add(
    'variables',
    names(fn.variables) || '—',
    !exists ? fresh : differing.length ? 'update' : 'keep',
    `${set.length ? `设置 (set from env file): ${names(set)}` : '无 (none)'}${exists && differing.length ? `; 新值 (new values): ${differing.join(', ')}` : ''}${unsetText}`,
  );

  for (const trigger of fn.triggers) {
    const current = remote?.triggers.find((t) => t.name === trigger.name);
    const action: Action = !exists
      ? fresh
      : !current
        ? 'create'
        : current.config === trigger.config && current.type === trigger.type
          ? 'keep'
          : 'update';
    add(
      'trigger',
      trigger.name,
      action,
      `${trigger.type} ${trigger.config}${current && action === 'update' ? ` (now ${current.config})` : ''}`,
    );
  }
  for (const extra of remote?.triggers.filter((t) => !fn.triggers.some((d) => d.name === t.name)) ?? []) {
    add('trigger', extra.name, 'differs', `${extra.type} ${extra.config} 不在 config.json 里，保留不动 (not in config.json, left alone)`);
  }
  return changes;
}

export function plan(desired: Desired, observed?: Observed): Change[] {
  return [...planCollections(desired, observed), ...desired.functions.flatMap((fn) => planFunction(fn, observed))];
}
