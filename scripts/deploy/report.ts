/** Prints a plan for people: grouped by collection and function, one line per item, and the totals. Names only, never values. */
import type { Action, Change } from './plan';

const MARK: Record<Action, string> = { create: '+', update: '~', keep: '=', ensure: '?', differs: '!' };
const WORD: Record<Action, string> = {
  create: '新建 create',
  update: '更新 update',
  keep: '不变 left alone',
  ensure: '缺则建、异则改 create or update',
  differs: '不一致，不动 differs, left alone',
};

export function summary(changes: readonly Change[]): Record<Action, number> {
  const counts: Record<Action, number> = { create: 0, update: 0, keep: 0, ensure: 0, differs: 0 };
  for (const c of changes) counts[c.action] += 1;
  return counts;
}

export function formatPlan(changes: readonly Change[], heading: string): string {
  const offline = changes.some((c) => c.action === 'ensure');
  const legend = offline
    ? '? 缺则新建、不同则更新 (created if missing, updated if different)'
    : '+ 新建 create · ~ 更新 update · = 不变 left alone · ! 不一致，不动 differs, left alone';
  const lines = [heading, legend, ''];
  const owners = [
    ...new Set(changes.map((c) => `${c.kind === 'collection' || c.kind === 'index' || c.kind === 'rule' ? 'db' : 'fn'}:${c.owner}`)),
  ];
  let section = '';
  for (const key of owners) {
    const [area, owner] = key.split(':') as [string, string];
    if (area !== section) {
      section = area;
      lines.push(area === 'db' ? '数据库 Database' : '云函数 Cloud functions');
    }
    const items = changes.filter(
      (c) => c.owner === owner && (area === 'db') === (c.kind === 'collection' || c.kind === 'index' || c.kind === 'rule'),
    );
    for (const c of items) {
      const indent = c.kind === 'collection' || c.kind === 'function' ? '  ' : '      ';
      const label =
        c.kind === 'settings' || c.kind === 'variables'
          ? c.kind
          : `${c.kind} ${c.kind === 'collection' || c.kind === 'function' ? c.owner : c.target}`;
      const word = c.action === 'ensure' ? '' : `${WORD[c.action]} — `;
      lines.push(`${indent}${MARK[c.action]} ${label.padEnd(indent.length > 2 ? 40 : 44)} ${word}${c.detail}`);
    }
  }
  const n = summary(changes);
  lines.push(
    '',
    offline
      ? `共 ${changes.length} 项 (items)；离线计划不知道云端现状 (offline: the environment was not read)`
      : `新建 created ${n.create} · 更新 changed ${n.update} · 不变 left alone ${n.keep}${n.differs ? ` · 不一致未动 differs ${n.differs}` : ''}`,
  );
  return lines.join('\n');
}
