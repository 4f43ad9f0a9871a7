/** Chinese labels of role codes, in the order the dev identity switcher groups them. */
export const ROLE_GROUPS: ReadonlyArray<{ label: string; codes: readonly string[] }> = [
  { label: '居民', codes: ['resident'] },
  { label: '楼栋长', codes: ['building_head', 'grid_worker', 'buildingHead', 'gridWorker'] },
  { label: '志愿者', codes: ['volunteer'] },
  { label: '队长', codes: ['leader', 'team_leader', 'teamLeader'] },
  { label: '社区实践站', codes: ['station', 'station_staff', 'stationStaff'] },
  { label: '街道实践所', codes: ['institute', 'institute_staff', 'instituteStaff'] },
  { label: '管理员', codes: ['admin', 'administrator'] },
];

export const OTHER_GROUP = '其他';

/** Chinese label for a role code; Chinese labels and unknown codes pass through unchanged. */
export function roleLabel(role: string): string {
  return ROLE_GROUPS.find((g) => g.codes.includes(role) || g.label === role)?.label ?? role;
}

/** Index of a role in ROLE_GROUPS (higher = more senior); unknown roles rank -1. */
export function roleRank(role: string): number {
  return ROLE_GROUPS.findIndex((g) => g.codes.includes(role) || g.label === role);
}
