import { ORG_UNITS } from '../../database/collections';
import type { OrgUnit, OrgUnitKind } from '../../src/domain/org/org.types';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { READ_PAGE, readAll, readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';

/** Where a unit sits, root first and the unit itself last: what `authorize` checks scope against. */
export const orgPathOf = (unit: Pick<OrgUnit, '_id' | 'path'>): string[] => [...unit.path, unit._id];

export async function findOrgUnits(ids: readonly string[]): Promise<OrgUnit[]> {
  if (ids.length === 0) return [];
  const _ = database().command;
  return readList<OrgUnit>(
    database()
      .collection(ORG_UNITS)
      .where({ _id: _.in([...new Set(ids)]) })
      .limit(1000),
  );
}

export async function getOrgUnit(id: string, kind?: OrgUnit['kind']): Promise<OrgUnit> {
  const [unit] = await findOrgUnits([id]);
  if (!unit || (kind && unit.kind !== kind))
    throw new DomainError(ErrorCode.NotFound, kind === 'building' ? '找不到这个楼栋' : '找不到这个组织节点');
  return unit;
}

/**
 * Children of several parents at once, through the parentId index, every page of them: a
 * subdistrict's estates hold more than the 1000 documents one read answers (桂溪: 1,030 buildings).
 */
export async function childrenOf(parentIds: readonly string[]): Promise<OrgUnit[]> {
  if (parentIds.length === 0) return [];
  const _ = database().command;
  return readAll<OrgUnit>((skip) =>
    database()
      .collection(ORG_UNITS)
      .where({ parentId: _.in([...parentIds]) })
      .orderBy('order', 'asc')
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(READ_PAGE),
  );
}

/** Every building in the subtree of the given units, once each even when the units overlap. */
export async function buildingsUnder(units: readonly OrgUnit[]): Promise<OrgUnit[]> {
  const found = new Map<string, OrgUnit>();
  for (const u of units) if (u.kind === 'building') found.set(u._id, u);
  let frontier = units.filter((u) => u.kind !== 'building').map((u) => u._id);
  // At most three levels below a subdistrict: community → estate → building.
  while (frontier.length > 0) {
    const children = await childrenOf(frontier);
    for (const c of children) if (c.kind === 'building') found.set(c._id, c);
    frontier = children.filter((c) => c.kind !== 'building').map((c) => c._id);
  }
  return [...found.values()];
}

const KINDS: readonly OrgUnitKind[] = ['subdistrict', 'community', 'estate', 'building'];

/**
 * Every org unit, in display order, through the kind_1_parentId_1 index: one read per 1000 units
 * (桂溪: about 1,240, two reads) where walking the tree level by level takes one per level.
 */
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
