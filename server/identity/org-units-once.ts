/**
 * The organisation tree in one read (issue #17): every unit (a page per 1000), instead of one
 * read per level, for the screens that show the tree or the building directory.
 */
import { ORG_UNITS, WECHAT_GROUPS } from '../../database/collections';
import type { OrgUnit, OrgUnitKind, WechatGroup } from '../../src/domain/org/org.types';
import type { OrgTree } from '../../src/domain/org/org.views';
import { buildOrgTree } from '../../src/domain/org/org-tree';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { type LoadedPrincipal, requirePermission } from '../kit/principal';
import { READ_PAGE, readAll, readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { orgPathOf } from '../org/org-units';

const KINDS: readonly OrgUnitKind[] = ['subdistrict', 'community', 'estate', 'building'];
const STAFF_ROLES = new Set(['station_staff', 'institute_staff', 'admin']);

/** Every org unit, in display order, through the kind_1_parentId_1 index. */
export async function allOrgUnits(): Promise<OrgUnit[]> {
  const _ = database().command;
  return readAll<OrgUnit>((skip) =>
    database()
      .collection(ORG_UNITS)
      .where({ kind: _.in([...KINDS]) })
      .orderBy('order', 'asc')
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(READ_PAGE),
  );
}

async function groupsOfBuildings(buildingIds: readonly string[]): Promise<WechatGroup[]> {
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
 * The org tree under each of the caller's staff scopes, as `orgTree` (server/org/org-tree.ts)
 * answers it, in two requests: every unit, then the groups of the buildings under the scopes.
 */
export async function orgTreeOnce(principal: LoadedPrincipal): Promise<OrgTree> {
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
