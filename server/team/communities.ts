import { ORG_UNITS } from '../../database/collections';
import type { CommunityUnit } from '../../src/domain/org/org.types';
import type { CommunityChoice } from '../../src/domain/team/team.views';
import { READ_PAGE, readAll } from '../kit/read-list';
import { database } from '../kit/wx-cloud';

/** Every community, in display order, for the registration's community picker (kind_1_parentId_1 index). */
export async function listCommunities(): Promise<CommunityChoice[]> {
  const units = await readAll<CommunityUnit>((skip) =>
    database().collection(ORG_UNITS).where({ kind: 'community' }).orderBy('order', 'asc').skip(skip).limit(READ_PAGE),
  );
  return units.map((u) => ({ id: u._id, name: u.name, stationName: u.stationName }));
}
