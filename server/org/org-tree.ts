import { ORG_UNITS, WECHAT_GROUPS } from '../../database/collections';
import type { OrgUnitKind, WechatGroup } from '../../src/domain/org/org.types';
import { ORG_PARENT_KIND } from '../../src/domain/org/org.types';
import type { AddedOrgUnit, GroupSummary, OrgTree, RenamedOrgUnit } from '../../src/domain/org/org.views';
import { buildOrgTree, summarizeGroup } from '../../src/domain/org/org-tree';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { type LoadedPrincipal, requirePermission } from '../kit/principal';
import { readById, readList } from '../kit/read-list';
import { createOnce, idForRequest } from '../kit/request-id';
import { database } from '../kit/wx-cloud';
import { allOrgUnits, childrenOf, findOrgUnits, getOrgUnit, orgPathOf } from './org-units';

const STAFF_ROLES = new Set(['station_staff', 'institute_staff', 'admin']);

async function groupsOfBuildings(buildingIds: readonly string[]): Promise<WechatGroup[]> {
  if (buildingIds.length === 0) return [];
  const _ = database().command;
  const out: WechatGroup[] = [];
  // The server caps `_.in` reads at 1000 rows; a subdistrict has a few thousand buildings at most.
  for (let i = 0; i < buildingIds.length; i += 500) {
    const slice = buildingIds.slice(i, i + 500);
    out.push(
      ...(await readList<WechatGroup>(
        database()
          .collection(WECHAT_GROUPS)
          .where({ buildingId: _.in(slice) })
          .limit(1000),
      )),
    );
  }
  return out;
}

/**
 * The org tree under each of the caller's staff scopes (社区 for a station, 街道 for the
 * institute), in two requests: every unit (allOrgUnits), then the groups of the buildings under
 * the scopes.
 */
export async function orgTree(principal: LoadedPrincipal): Promise<OrgTree> {
  const scopeIds = new Set(principal.grants.filter((g) => STAFF_ROLES.has(g.role)).map((g) => g.scopeId));
  if (scopeIds.size === 0) throw new DomainError(ErrorCode.Forbidden, '只有实践站、实践所工作人员可以查看组织架构');
  const all = await allOrgUnits();
  const scopes = all.filter((u) => scopeIds.has(u._id));
  // A scope inside another one of the caller's scopes is shown once, under its ancestor.
  const roots = scopes.filter((s) => !scopes.some((o) => o._id !== s._id && s.path.includes(o._id)));
  for (const r of roots) requirePermission(principal, 'org.view', { orgPath: orgPathOf(r) });
  const rootIds = new Set(roots.filter((r) => r.kind !== 'building').map((r) => r._id));
  const units = all.filter((u) => u.path.some((id) => rootIds.has(id)));
  const groups = await groupsOfBuildings(units.filter((u) => u.kind === 'building').map((u) => u._id));
  return { roots: buildOrgTree(roots, units, groups) };
}

/**
 * Staff add an estate under a community or a building under an estate, within their scope. With
 * the form's request id a retried 添加 answers the unit already made.
 */
export async function addOrgUnit(
  principal: LoadedPrincipal,
  input: { parentId: string; name: string; requestId?: string },
  now: number,
): Promise<AddedOrgUnit> {
  const unitId = input.requestId ? idForRequest('org', 'org.addUnit', principal.openid, input.requestId) : undefined;
  const earlier = async (): Promise<AddedOrgUnit | null> => {
    const [unit] = unitId ? await findOrgUnits([unitId]) : [];
    return unit ? { _id: unit._id, kind: unit.kind, name: unit.name, parentId: unit.parentId ?? input.parentId } : null;
  };
  return createOnce(earlier, async () => {
    const parent = await getOrgUnit(input.parentId);
    requirePermission(principal, 'org.edit', { orgPath: orgPathOf(parent) });
    const kind = (Object.entries(ORG_PARENT_KIND).find(([, p]) => p === parent.kind)?.[0] ?? null) as OrgUnitKind | null;
    if (kind === null || kind === 'community') throw new DomainError(ErrorCode.InputInvalid, '只能在社区下添加小区、在小区下添加楼栋');
    const siblings = await childrenOf([parent._id]);
    if (siblings.some((s) => s.name === input.name)) throw new DomainError(ErrorCode.Conflict, `「${input.name}」已存在`);
    const unit = {
      kind,
      name: input.name,
      parentId: parent._id,
      path: orgPathOf(parent),
      order: siblings.reduce((max, s) => Math.max(max, s.order), 0) + 1,
      createdAt: now,
      updatedAt: now,
    };
    const { _id } = (await database()
      .collection(ORG_UNITS)
      .add({ data: unitId ? { _id: unitId, ...unit } : unit })) as { _id: string };
    return { _id, kind, name: unit.name, parentId: parent._id };
  });
}

export async function renameOrgUnit(
  principal: LoadedPrincipal,
  input: { unitId: string; name: string },
  now: number,
): Promise<RenamedOrgUnit> {
  const unit = await getOrgUnit(input.unitId);
  requirePermission(principal, 'org.edit', { orgPath: orgPathOf(unit) });
  await database()
    .collection(ORG_UNITS)
    .doc(unit._id)
    .update({ data: { name: input.name, updatedAt: now } });
  return { _id: unit._id, name: input.name };
}

/** The building head or staff rename a group or set / clear its robot webhook (kept secret). */
export async function updateGroup(
  principal: LoadedPrincipal,
  input: { groupId: string; name?: string; robotWebhookKey?: string | null; unbind?: true },
  now: number,
): Promise<GroupSummary> {
  const group = await readById<WechatGroup>(WECHAT_GROUPS, input.groupId);
  if (!group) throw new DomainError(ErrorCode.NotFound, '找不到这个群');
  const building = await getOrgUnit(group.buildingId, 'building');
  requirePermission(principal, 'group.edit', { orgPath: orgPathOf(building) });
  const patch: Partial<WechatGroup> = { updatedAt: now };
  if (input.name !== undefined) patch.name = input.name;
  if (input.robotWebhookKey !== undefined) patch.robotWebhookKey = input.robotWebhookKey;
  if (input.unbind) Object.assign(patch, { opengid: null, boundBy: null, boundAt: null });
  if (input.unbind && group.opengid)
    console.info(`[org] group ${group._id} unbound by ${principal.openid} (was bound by ${group.boundBy ?? 'unknown'})`);
  await database().collection(WECHAT_GROUPS).doc(group._id).update({ data: patch });
  return summarizeGroup({ ...group, ...patch });
}
