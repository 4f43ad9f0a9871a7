/**
 * Compiled by `tsc` in `npm test`, never run: each `@ts-expect-error` marks a call the identity,
 * org and team contracts must refuse (see contract-calls.typecheck.ts for the catalog).
 */
import { identityFn, orgFn, teamFn } from '@/contracts';
import type { IdentityContract } from '@/contracts/identity.contract';
import type { ErrorOf } from '@/contracts/kit';
import type { TeamContract } from '@/contracts/team.contract';
import { ErrorCode } from '@/domain/shared/domain-error';
import { callCloud } from '@/services/cloud';

export async function identityCallsAreChecked(): Promise<string[]> {
  const me = await callCloud(identityFn, 'whoami');
  const roles: string[] = me.roles.map((r) => r.scopeName);

  // @ts-expect-error a misspelt action
  await callCloud(identityFn, 'whoAmI');
  // @ts-expect-error a wrong input field
  await callCloud(identityFn, 'requestBinding', { building: 'b1', room: '301' });
  // @ts-expect-error a required input left out
  await callCloud(identityFn, 'listBuildingResidents');
  // @ts-expect-error a role nobody may be invited into
  await callCloud(identityFn, 'issueInvitation', { role: 'resident', scopeId: 'c1' });
  const binding = await callCloud(identityFn, 'requestBinding', { buildingId: 'b1', room: '301' });
  // @ts-expect-error a wrong answer field
  binding.status;
  const residents = await callCloud(identityFn, 'listBuildingResidents', { buildingId: 'b1' });
  // @ts-expect-error residents are masked: no phone in the answer
  residents[0]?.phone;
  return roles;
}

export async function teamCallsAreChecked(): Promise<number> {
  // @ts-expect-error a misspelt action
  await callCloud(teamFn, 'joinTeam', { teamId: 't1' });
  // @ts-expect-error a wrong input field
  await callCloud(teamFn, 'transferLeadership', { teamId: 't1', to: 'o2' });
  // @ts-expect-error a wrong input type
  await callCloud(teamFn, 'decideJoin', { requestId: 'r1', approve: 'yes' });
  const team = await callCloud(teamFn, 'teamDetail', { teamId: 't1' });
  // @ts-expect-error a wrong answer field
  team.leaderName;
  const teams = await callCloud(teamFn, 'listTeams');
  // @ts-expect-error the list answers an array, not a page
  teams.items;
  return team.memberCount + teams.length;
}

export async function orgCallsAreChecked(): Promise<number> {
  // @ts-expect-error a misspelt action
  await callCloud(orgFn, 'addBuilding', { parentId: 'e1', name: '1栋' });
  // @ts-expect-error a wrong input field
  await callCloud(orgFn, 'renameUnit', { id: 'u1', name: '新名' });
  const tree = await callCloud(orgFn, 'tree');
  // @ts-expect-error a wrong answer field
  tree.nodes;
  const group = await callCloud(orgFn, 'updateGroup', { groupId: 'g1', robotWebhookKey: null });
  // @ts-expect-error the webhook key is never answered back
  group.robotWebhookKey;
  return tree.roots.length;
}

/** The codes a page may branch on are the contract's: a leader leaving is refused with STATE.CONFLICT. */
export const leaveRefusal: ErrorOf<TeamContract, 'leaveTeam'> = ErrorCode.Conflict;
// @ts-expect-error whoami declares no domain refusal
export const whoamiRefusal: ErrorOf<IdentityContract, 'whoami'> = ErrorCode.Conflict;
