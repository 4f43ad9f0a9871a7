import { randomInt } from 'node:crypto';
import { ATTEMPT_COUNTERS, HANDLING_UNITS, INVITATIONS, USERS } from '../../database/collections';
import type { InvitationItem, InvitationsView, IssuedInvitation, RedeemResult } from '../../src/domain/identity/identity.views';
import {
  INVITATION_ALPHABET,
  INVITATION_CODE_LENGTH,
  INVITATION_STATUS_LABELS,
  INVITATION_TTL_MS,
  type InvitableRole,
  invitationStatus,
  invitedScopeKind,
  mayInviteInto,
} from '../../src/domain/identity/invitation.rules';
import { ROLE_LABELS, type RoleGrant, type UserProfile } from '../../src/domain/identity/role';
import type { HandlingUnit } from '../../src/domain/problem/problem.types';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { Actor } from '../kit/actor';
import { type AttemptRule, assertCounterNotLocked, assertNotLocked, attemptCounterId, countFailure } from '../kit/attempts';
import { lookupWhere } from '../kit/lookup';
import { secretDigest } from '../kit/pii-cipher';
import { type LoadedPrincipal, requirePermission } from '../kit/principal';
import { readById, readList } from '../kit/read-list';
import { createOnce } from '../kit/request-id';
import { inTransaction, txGet } from '../kit/tx';
import { database } from '../kit/wx-cloud';
import { orgTree } from '../org/org-tree';
import { getOrgUnit, orgPathOf } from '../org/org-units';
import { readCaller } from './caller';
import { whoamiOf } from './whoami.query';

export interface Invitation {
  _id: string;
  role: InvitableRole;
  scopeId: string;
  scopeName: string;
  issuedBy: string;
  expiresAt: number;
  usedBy: string | null;
  usedAt: number | null;
  /** Set when staff revoke an unused code (撤销); a revoked code never works. */
  revokedAt?: number | null;
  revokedBy?: string | null;
  /** Where the code applies (root first, the scope last): who else in scope may revoke it. */
  scopePath?: string[];
  createdAt: number;
}

function newCode(): string {
  let code = '';
  for (let i = 0; i < INVITATION_CODE_LENGTH; i++) code += INVITATION_ALPHABET[randomInt(INVITATION_ALPHABET.length)];
  return code;
}

/** The code one issuer's request id gets: the same on every retry, unguessable without the functions' secret. */
function codeForRequest(issuer: string, requestId: string): string {
  const digest = secretDigest('invitation.code', `${issuer}:${requestId}`);
  let code = '';
  for (let i = 0; i < INVITATION_CODE_LENGTH; i++) code += INVITATION_ALPHABET[(digest[i] as number) % INVITATION_ALPHABET.length];
  return code;
}

/**
 * Staff issue a one-time, expiring code that makes its redeemer e.g. station staff of a community.
 * With the page's request id a retried 生成 answers the code already issued, so no second valid
 * code lingers that nobody saw.
 */
export async function issueInvitation(
  principal: LoadedPrincipal,
  input: { role: InvitableRole; scopeId: string; requestId?: string },
  now: number,
): Promise<IssuedInvitation> {
  const code = input.requestId ? codeForRequest(principal.openid, input.requestId) : newCode();
  const earlier = async (): Promise<IssuedInvitation | null> => {
    if (!input.requestId) return null;
    const made = await readById<Invitation>(INVITATIONS, code);
    if (made?.issuedBy !== principal.openid) return null;
    return { code: made._id, role: made.role, scopeName: made.scopeName, expiresAt: made.expiresAt };
  };
  return createOnce(earlier, () => issue(principal, input, code, now));
}

/** What the invited role is scoped to: an org node of the role's kind, or a handling unit (处置单位) for its staff. */
async function invitedScope(input: { role: InvitableRole; scopeId: string }): Promise<{ _id: string; name: string; orgPath: string[] }> {
  if (invitedScopeKind(input.role) === 'unit') {
    const unit = await readById<HandlingUnit>(HANDLING_UNITS, input.scopeId);
    if (!unit?.active) throw new DomainError(ErrorCode.NotFound, '找不到这个处置单位');
    return { _id: unit._id, name: unit.name, orgPath: unit.orgPath };
  }
  const scope = await getOrgUnit(input.scopeId);
  if (scope.kind !== invitedScopeKind(input.role)) {
    throw new DomainError(
      ErrorCode.InputInvalid,
      `${ROLE_LABELS[input.role]}只能设在${{ building: '楼栋', community: '社区', subdistrict: '街道', estate: '小区' }[invitedScopeKind(input.role) as string]}`,
    );
  }
  return { _id: scope._id, name: scope.name, orgPath: orgPathOf(scope) };
}

async function issue(
  principal: LoadedPrincipal,
  input: { role: InvitableRole; scopeId: string },
  code: string,
  now: number,
): Promise<IssuedInvitation> {
  const scope = await invitedScope(input);
  requirePermission(principal, 'invitation.issue', { orgPath: scope.orgPath });
  if (
    !mayInviteInto(
      principal.grants.map((g) => g.role),
      input.role,
    )
  ) {
    throw new DomainError(ErrorCode.Forbidden, '不能邀请比自己级别更高的角色');
  }
  const invitation: Invitation = {
    _id: code,
    role: input.role,
    scopeId: scope._id,
    scopeName: scope.name,
    issuedBy: principal.openid,
    expiresAt: now + INVITATION_TTL_MS,
    usedBy: null,
    usedAt: null,
    revokedAt: null,
    revokedBy: null,
    scopePath: scope.orgPath,
    createdAt: now,
  };
  await database().collection(INVITATIONS).add({ data: invitation });
  return { code: invitation._id, role: invitation.role, scopeName: scope.name, expiresAt: invitation.expiresAt };
}

/** Wrong invitation codes a caller may try: 5 an hour, then an hour's lock. */
export const INVITATION_ATTEMPTS: AttemptRule = {
  scope: 'invitation',
  maxFailures: 5,
  windowMs: 60 * 60_000,
  lockMs: 60 * 60_000,
  lockedMessage: '邀请码输错次数过多，已暂停使用邀请码',
};

/**
 * Redeems a code once: marking it used and granting the role happen in one transaction, so a
 * code raced by two people makes exactly one of them staff. Wrong codes count against the
 * caller (INVITATION_ATTEMPTS); while locked, no code is even looked up.
 */
export async function redeemInvitation(actor: Actor, input: { code: string }, now: number): Promise<RedeemResult> {
  const subject = { rule: INVITATION_ATTEMPTS, key: actor.openid };
  const attempts = [subject];
  const code = input.code.toUpperCase();
  // The code with the caller's attempt counter and record, in one read. While the caller is
  // locked the answer is the lock whatever the code (the code read changes nothing).
  const known = await readRedeem(actor, code, attemptCounterId(subject));
  if (known) assertCounterNotLocked(subject, known.counter, now);
  else await assertNotLocked(attempts, now);
  let round = 0;
  // A racer that loses meets a write conflict (at update time on CloudBase) and inTransaction runs
  // it again patiently: it then reads the code as used and gets the refusal below.
  const result = await inTransaction(
    async (t) => {
      const invitations = t.collection(INVITATIONS);
      const invitation = await txGet<Invitation>(t, INVITATIONS, code);
      const granted = invitation && {
        role: invitation.role,
        label: ROLE_LABELS[invitation.role],
        scopeId: invitation.scopeId,
        scopeName: invitation.scopeName,
      };
      // A double tap: the first tap already made this caller what the code grants.
      if (granted && invitation.usedBy === actor.openid) return granted;
      if (!invitation || invitation.usedBy !== null || invitation.revokedAt || invitation.expiresAt <= now) {
        return { error: '邀请码无效、已使用或已过期' };
      }
      const grant: RoleGrant = { role: invitation.role, scopeId: invitation.scopeId };
      await invitations.doc(code).update({ data: { usedBy: actor.openid, usedAt: now } });
      // The grant is added without reading the record again (addToSet keeps it once); a caller
      // with no record yet gets one. A first attempt that met a record made meanwhile (a
      // duplicate) runs again taking the update path.
      const fresh = known?.user === null && round++ === 0;
      const users = t.collection(USERS);
      const added = fresh
        ? 0
        : ((
            (await users.doc(actor.openid).update({ data: { roles: database().command.addToSet(grant), updatedAt: now } })) as {
              updated?: number;
              stats?: { updated?: number };
            }
          ).stats?.updated ?? 0);
      if (added === 0) {
        await users.add({
          data: { _id: actor.openid, nickname: '微信用户', displayName: '微信用户', roles: [grant], createdAt: now, updatedAt: now },
        });
      }
      return granted as RedeemResult;
    },
    { conflict: '邀请码正被使用，请稍后重试' },
  );
  if ('error' in result) throw (await countFailure(attempts, now)) ?? new DomainError(ErrorCode.NotFound, result.error as string);
  return result;
}

/** The invitation with the caller's attempt counter and `users` record (null when none); null when there is no such code. */
async function readRedeem(
  actor: Actor,
  code: string,
  counterId: string,
): Promise<{ counter: { lockedUntil: number } | null; user: UserProfile | null } | null> {
  const db = database();
  const res = (await db
    .collection(INVITATIONS)
    .aggregate()
    .match({ _id: code })
    .limit(1)
    .lookup(lookupWhere(ATTEMPT_COUNTERS, { _id: counterId }, 'counter_'))
    .lookup(lookupWhere(USERS, { _id: actor.openid }, 'user_'))
    .end()) as { list: { counter_?: { lockedUntil: number }[]; user_?: UserProfile[] }[] };
  const row = res.list[0];
  return row ? { counter: row.counter_?.[0] ?? null, user: row.user_?.[0] ?? null } : null;
}

/** Codes one list shows: the caller's most recent. */
export const ISSUED_LIST_MAX = 50;

function itemOf(inv: Invitation, now: number): InvitationItem {
  const status = invitationStatus(inv, now);
  return {
    code: inv._id,
    role: inv.role,
    scopeId: inv.scopeId,
    scopeName: inv.scopeName,
    status,
    statusLabel: INVITATION_STATUS_LABELS[status],
    createdAt: inv.createdAt,
    expiresAt: inv.expiresAt,
    closedAt: status === 'revoked' ? (inv.revokedAt ?? null) : status === 'used' ? inv.usedAt : null,
  };
}

/** 已发邀请码: the codes the caller issued, newest first, each with its status. */
export async function issuedInvitations(principal: LoadedPrincipal, now: number): Promise<InvitationItem[]> {
  const rows = await readList<Invitation>(
    database().collection(INVITATIONS).where({ issuedBy: principal.openid }).orderBy('createdAt', 'desc').limit(ISSUED_LIST_MAX),
  );
  return rows.map((r) => itemOf(r, now));
}

/**
 * 撤销 an unused code: its issuer, or staff who may issue codes where it applies. The update only
 * lands while the code is still unused and not revoked, so a code redeemed a moment earlier stays
 * redeemed (and says so), and a redeem a moment later finds it revoked. Answers the caller's list.
 */
export async function revokeInvitation(principal: LoadedPrincipal, input: { code: string }, now: number): Promise<InvitationItem[]> {
  const code = input.code.toUpperCase();
  const invitation = await readById<Invitation>(INVITATIONS, code);
  if (!invitation) throw new DomainError(ErrorCode.NotFound, '找不到这个邀请码');
  if (invitation.issuedBy !== principal.openid) {
    const orgPath = invitation.scopePath ?? (await invitedScope(invitation)).orgPath;
    requirePermission(principal, 'invitation.issue', { orgPath });
  }
  const status = invitationStatus(invitation, now);
  if (status !== 'unused') throw new DomainError(ErrorCode.Conflict, `这个邀请码${INVITATION_STATUS_LABELS[status]}，不能撤销`);
  const res = (await database()
    .collection(INVITATIONS)
    .where({ _id: code, usedBy: null })
    .update({ data: { revokedAt: now, revokedBy: principal.openid } })) as { stats: { updated: number } };
  if (res.stats.updated !== 1) throw new DomainError(ErrorCode.Conflict, '这个邀请码刚刚被使用或撤销，请刷新');
  return issuedInvitations(principal, now);
}

/** The 邀请码 screen in one call: who the caller is, the org tree they may invite into, and the codes they issued. */
export async function invitationsView(actor: Actor, now: number): Promise<InvitationsView> {
  const caller = await readCaller(actor);
  const [tree, issued] = await Promise.all([orgTree(caller.principal), issuedInvitations(caller.principal, now)]);
  return { me: whoamiOf(caller), roots: tree.roots, issued };
}
