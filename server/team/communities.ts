import type { CommunityUnit } from '../../src/domain/org/org.types';
import { READ_PAGE, readAll } from '../kit/read-list';
import { database } from '../kit/wx-cloud';

/** One community a volunteer may register with (names of places only). */
export interface CommunityChoice {
  id: string;
  name: string;
  /** e.g. 和平社区新时代文明实践站: whose staff review the registration. */
  stationName: string;
}

/** Every community, in display order, for the registration's community picker (kind_1_parentId_1 index). */
export async function listCommunities(): Promise<CommunityChoice[]> {
  const units = await readAll<CommunityUnit>((skip) =>
    database().collection('org_units').where({ kind: 'community' }).orderBy('order', 'asc').skip(skip).limit(READ_PAGE),
  );
  return units.map((u) => ({ id: u._id, name: u.name, stationName: u.stationName }));
}
