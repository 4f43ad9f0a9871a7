import type { OrgUnit, OrgUnitKind, WechatGroup } from './org.types';

/** What staff see of a building's WeChat group: never the robot's webhook key itself. */
export interface GroupSummary {
  _id: string;
  name: string;
  bound: boolean;
  hasRobot: boolean;
}

export interface OrgTreeNode {
  _id: string;
  kind: OrgUnitKind;
  name: string;
  children: OrgTreeNode[];
  groups: GroupSummary[];
}

export const summarizeGroup = (g: WechatGroup): GroupSummary => ({
  _id: g._id,
  name: g.name,
  bound: g.opengid !== null && g.opengid !== undefined,
  hasRobot: Boolean(g.robotWebhookKey),
});

/**
 * Nests the flat units under the given roots (in `order`), attaching each building's groups.
 * Units whose parent is not in the list are ignored, so a scope never leaks its neighbours.
 */
export function buildOrgTree(roots: readonly OrgUnit[], units: readonly OrgUnit[], groups: readonly WechatGroup[]): OrgTreeNode[] {
  const childrenOf = new Map<string, OrgUnit[]>();
  for (const u of units) {
    if (u.parentId === null) continue;
    const list = childrenOf.get(u.parentId) ?? [];
    list.push(u);
    childrenOf.set(u.parentId, list);
  }
  const groupsOf = new Map<string, GroupSummary[]>();
  for (const g of groups) groupsOf.set(g.buildingId, [...(groupsOf.get(g.buildingId) ?? []), summarizeGroup(g)]);
  const byOrder = (a: OrgUnit, b: OrgUnit) => a.order - b.order || a._id.localeCompare(b._id);
  const node = (u: OrgUnit): OrgTreeNode => ({
    _id: u._id,
    kind: u.kind,
    name: u.name,
    children: [...(childrenOf.get(u._id) ?? [])].sort(byOrder).map(node),
    groups: groupsOf.get(u._id) ?? [],
  });
  return [...roots].sort(byOrder).map(node);
}
