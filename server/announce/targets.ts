import type { OrgUnit } from '../../src/domain/org/org.types';
import { database } from '../kit/wx-cloud';
import { readAll } from './announce-store';

/**
 * Every building in the subtree of the given units, read level by level through the
 * parentId index and paged (a subdistrict has more than 1000 buildings, more than one read
 * answers). Not `server/org/org-units.ts#buildingsUnder`: that one reads one page per level.
 */
export async function allBuildingsUnder(units: readonly OrgUnit[]): Promise<OrgUnit[]> {
  const _ = database().command;
  const found = new Map<string, OrgUnit>();
  for (const u of units) if (u.kind === 'building') found.set(u._id, u);
  let frontier = [...new Set(units.filter((u) => u.kind !== 'building').map((u) => u._id))];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (let i = 0; i < frontier.length; i += 100) {
      const parents = frontier.slice(i, i + 100);
      const children = await readAll<OrgUnit>((skip) =>
        database()
          .collection('org_units')
          .where({ parentId: _.in(parents) })
          .orderBy('order', 'asc')
          .skip(skip)
          .limit(1000),
      );
      for (const c of children) {
        if (c.kind === 'building') found.set(c._id, c);
        else next.push(c._id);
      }
    }
    frontier = [...new Set(next)];
  }
  return [...found.values()];
}
