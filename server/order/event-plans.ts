import { teamCanServe } from '../../src/domain/catalog/catalog.rules';
import { assignmentProblem } from '../../src/domain/order/assignment.rules';
import { guardProblem, transitionInputProblem } from '../../src/domain/order/order.rules';
import type { OrderDoc } from '../../src/domain/order/order.types';
import type { Team } from '../../src/domain/org/org.types';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { assertOwnUploads, UPLOAD_FOLDERS } from '../kit/uploads';
import { displayNamesOf } from '../team/teams';
import { buildingOf } from './order-relation';
import type { Decided, Planner } from './order-step';
import { findTeams } from './order-store';

/** The planners of the events that carry no hours: what each checks and writes beside the table's patch. */

export interface TransitionInput {
  note?: string;
  teamId?: string;
}

/** The team a dispatch / reassign / grab names (the rule's `needsTeam`), checked against the order (read with it when named). */
async function targetTeam(order: OrderDoc, d: Decided, input: TransitionInput, read: Team | null): Promise<Team | undefined> {
  if (d.rule.needsTeam === 'if_several') {
    const eligible = d.rel.eligibleTeams;
    if (input.teamId) {
      const team = eligible.find((t) => t._id === input.teamId);
      if (!team) throw new DomainError(ErrorCode.OutOfScope, '您不是这支队伍的队长，或这支队伍不能承接此订单');
      return team;
    }
    if (eligible.length > 1) throw new DomainError(ErrorCode.InputInvalid, '请选择以哪支队伍抢单');
    return eligible[0];
  }
  if (d.rule.needsTeam !== 'always') return undefined;
  const [team] = read && read._id === input.teamId ? [read] : await findTeams([input.teamId ?? '']);
  if (!team) throw new DomainError(ErrorCode.NotFound, '找不到这支志愿服务队');
  if (!teamCanServe(team, { skills: order.itemSkills }, buildingOf(order))) {
    throw new DomainError(ErrorCode.InputInvalid, `「${team.name}」不具备此服务所需技能或不在服务区域内，请换一支队伍`);
  }
  return team;
}

/** Events of the `transition` action: the rule's reason, team and guards, then the team it names. */
export const transitionPlan: Planner<TransitionInput> = async ({ order, decided, command, team: read, now }) => {
  const problem = transitionInputProblem(order, decided.rule, command, now);
  if (problem) throw new DomainError(problem.code, problem.message);
  const team = await targetTeam(order, decided, command, read);
  return { note: command.note?.trim() ?? '', team };
};

export interface RateInput {
  stars: number;
  tags?: string[];
  comment?: string;
}

/**
 * 评价: the requester rates a completed order, which closes it. The stars go into the team's
 * running average (`teams.rating`, one decimal, from the stored `ratingSum` / `ratingCount`) as
 * an effect of the step: once per order, through a compare-and-set on the team's `ratingCount`,
 * so two ratings of one team at once never lose one (order-effects.ts).
 */
export const ratePlan: Planner<RateInput> = async ({ order, decided, command, now }) => {
  const comment = command.comment?.trim() ?? '';
  const tags = [...new Set((command.tags ?? []).map((t) => t.trim()).filter(Boolean))];
  const problem = transitionInputProblem(order, decided.rule, { note: comment }, now);
  if (problem) throw new DomainError(problem.code, problem.message);
  return {
    note: comment,
    rating: { stars: command.stars, tags, comment, at: now },
    effects: order.teamId
      ? [{ kind: 'team_rating', teamId: order.teamId, stars: command.stars, key: `${order._id}-v${order.version + 1}`, at: now }]
      : [],
  };
};

export interface AssignInput {
  memberOpenids: string[];
}

/**
 * 指派队员: the leader of the team serving the order names the members who serve it. The list
 * replaces the previous one (re-assigning is how a leader swaps people), is kept on the order for
 * the check-in guard, and the step goes on the timeline with the names, like every other step.
 */
export const assignPlan: Planner<AssignInput> = async ({ order, command }) => {
  const [team] = await findTeams([order.teamId ?? '']);
  if (!team) throw new DomainError(ErrorCode.Conflict, '订单已不在本队，请刷新后重试');
  const problem = assignmentProblem(team, command.memberOpenids);
  if (problem) throw new DomainError(ErrorCode.InputInvalid, problem);
  // The names the team page shows (the registered masked real name), so the leader sees the same.
  const nameOf = await displayNamesOf(command.memberOpenids);
  const names = command.memberOpenids.map(nameOf);
  return { note: `指派：${names.join('、')}`, patch: { assigneeOpenids: [...command.memberOpenids], assigneeNames: names } };
};

export interface FollowUpInput {
  note?: string;
}

const DEFAULT_UNSOLVED = '回头看：居民反馈问题未解决';

/**
 * 回头看: once `followUpAt` has passed, the requester says whether the problem stays solved.
 * "Yes" is recorded on the timeline (`follow_up`, the order stays closed); "no" fires `reopen`,
 * which sends it back to the station as fresh work. Answered once per closing.
 */
export const followUpPlan: Planner<FollowUpInput> = async ({ order, decided, command, now }) => {
  const problem = guardProblem('follow_up_due', order, {}, now);
  if (problem) throw new DomainError(problem.code, problem.message);
  const solved = decided.rule.event === 'follow_up';
  const note = command.note?.trim() || (solved ? '' : DEFAULT_UNSOLVED);
  return { note, patch: { followUp: { solved, note, at: now } } };
};

/**
 * 认领 a 微心愿 on the 心愿墙: the adopter (an 在职党员 or a volunteer with a 工作单位, found by the
 * relation) is kept on the order with their masked name and unit as at adoption. Two adopters at
 * once: the step's compare-and-set lets one win; the other reads the adopted wish and is told 手慢了.
 */
export const adoptPlan: Planner<TransitionInput> = async ({ principal, decided, command }) => {
  const profile = decided.rel.wishAdopter;
  if (!profile) throw new DomainError(ErrorCode.Forbidden, '没有权限进行此操作');
  const unit = (profile.workUnit ?? '').trim();
  const who = profile.partyMember ? '在职党员' : '';
  return {
    note: command.note?.trim() || [who, unit].filter(Boolean).join(' · '),
    patch: { adopterOpenid: principal.openid, adopterName: profile.realNameMasked, adopterUnit: unit },
  };
};

export interface DeliverInput {
  note?: string;
  photos?: string[];
}

/** 已送达: the adopter says the wish reached the resident, with an optional photo of their own upload; the resident then confirms (评价). */
export const deliverPlan: Planner<DeliverInput> = async ({ principal, command, now }) => {
  const photos = command.photos ?? [];
  await assertOwnUploads(photos, { folder: UPLOAD_FOLDERS.reportPhoto, openid: principal.openid, what: '送达照片' });
  const summary = command.note?.trim() || '心愿已送达';
  return { note: summary, patch: { report: { summary, photos, at: now, byOpenid: principal.openid } } };
};
