import {
  assignmentIdOf,
  chinaDay,
  DAY_MS,
  deadlineAfter,
  escalateAfter,
  extensionDeadlineOf,
  guardRefusal,
  problemEventIdOf,
  secondIdOf,
  WEEKDAYS_ONLY,
  type WorkCalendar,
} from '../../src/domain/problem/problem.rules';
import {
  decideProblem,
  type ProblemEvent,
  type ProblemParty,
  type ProblemRule,
  problemRuleOf,
} from '../../src/domain/problem/problem.state-machine';
import type { ProblemState } from '../../src/domain/problem/problem.states';
import {
  type HandlingUnit,
  PROBLEM_RATING_LABELS,
  type ProblemAssignmentDoc,
  type ProblemDoc,
  type ProblemEventDoc,
  type ProblemRatingScore,
  type ProblemSecondDoc,
} from '../../src/domain/problem/problem.types';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { LoadedPrincipal } from '../kit/principal';
import { type Tx, txGet } from '../kit/tx';
import { assertOwnUploads, UPLOAD_FOLDERS } from '../kit/uploads';
import { queueProblemNotices } from './problem-notices';
import { relationTo } from './problem-relation';
import { findUnits, inProblemTransaction, PROBLEM_ASSIGNMENTS, PROBLEM_EVENTS, PROBLEM_SECONDS, PROBLEMS } from './problem-store';

/**
 * The working-day calendar deadlines are counted on. Weekends only for now: the State Council's
 * holiday list (放假 and 调休 days) belongs in configuration once a year's notice is out.
 */
export const WORK_CALENDAR: WorkCalendar = WEEKDAYS_ONLY;

/** What a request brings beside the event. */
export interface ProblemCommand {
  problemId: string;
  event: ProblemEvent;
  expectedVersion?: number;
  note?: string;
  unitIds?: string[];
  photos?: string[];
  /** 延期申请: the China-time day (YYYY-MM-DD) the unit asks for. */
  extensionDay?: string;
  /** 评价: the reporter's score (the note carries their words). */
  rating?: ProblemRatingScore;
}

/** What a step writes beside the event: the note, photos, units, and the deadline a 延期申请 asks for. */
export interface StepInput {
  note: string;
  photos: string[];
  units: readonly HandlingUnit[];
  extensionDeadlineAt?: number;
  rating?: ProblemRatingScore;
}

export interface StepActor {
  openid: string;
  party: ProblemParty;
  label: string;
}

export const SYSTEM: StepActor = { openid: '', party: 'system', label: '系统' };

/** The problem fields a decided step writes, from the rule's effects. */
export function stepPatch(p: ProblemDoc, rule: ProblemRule, to: ProblemState, input: StepInput, now: number): Partial<ProblemDoc> {
  const patch: Partial<ProblemDoc> = { state: to, updatedAt: now, version: p.version + 1 };
  const extension = p.extension ?? null;
  // A request still waiting when the unit fixes or returns the problem has nothing left to decide.
  const withdraw = () => {
    if (extension?.state === 'pending') patch.extension = { ...extension, state: 'withdrawn', decidedAt: now };
  };
  for (const effect of rule.effects) {
    switch (effect) {
      case 'assign_units':
        patch.unitIds = input.units.map((u) => u._id);
        patch.unitNames = input.units.map((u) => u.name);
        patch.dispatchedAt = now;
        break;
      case 'clear_units':
        patch.unitIds = [];
        patch.unitNames = [];
        patch.deadlineAt = null;
        patch.escalateAt = null;
        patch.overdueLevel = 0;
        withdraw();
        break;
      case 'set_deadline': {
        const deadlineAt = deadlineAfter(now, p.deadlineDays, WORK_CALENDAR);
        patch.deadlineAt = deadlineAt;
        patch.escalateAt = escalateAfter(deadlineAt, p.deadlineDays, WORK_CALENDAR);
        patch.overdueLevel = 0;
        break;
      }
      case 'record_fix':
        patch.fixPhotos = input.photos;
        patch.fixNote = input.note;
        patch.fixedAt = now;
        withdraw();
        break;
      case 'count_rework':
        patch.reworkCount = p.reworkCount + 1;
        break;
      case 'count_relapse':
        patch.relapseCount = p.relapseCount + 1;
        patch.closedAt = null;
        patch.followUpAt = null;
        break;
      case 'close':
        patch.closedAt = now;
        patch.followUpAt = now + p.followUpDays * DAY_MS;
        break;
      case 'count_on_the_spot':
        patch.selfFixed = true;
        break;
      case 'count_second':
        patch.secondCount = p.secondCount + 1;
        break;
      case 'mark_overdue':
        patch.overdueLevel = 1;
        break;
      case 'mark_escalated':
        patch.overdueLevel = 2;
        break;
      case 'record_extension_request':
        patch.extension = {
          state: 'pending',
          reason: input.note,
          requestedDeadlineAt: input.extensionDeadlineAt as number,
          previousDeadlineAt: p.deadlineAt,
          requestedAt: now,
          decidedAt: null,
          decisionNote: '',
        };
        break;
      case 'extend_deadline':
        if (extension) {
          patch.extension = { ...extension, state: 'approved', decidedAt: now, decisionNote: input.note };
          patch.deadlineAt = extension.requestedDeadlineAt;
          patch.escalateAt = escalateAfter(extension.requestedDeadlineAt, p.deadlineDays, WORK_CALENDAR);
          patch.overdueLevel = 0;
        }
        break;
      case 'refuse_extension':
        if (extension) patch.extension = { ...extension, state: 'refused', decidedAt: now, decisionNote: input.note };
        break;
      case 'record_rating':
        patch.rating = { score: input.rating as ProblemRatingScore, comment: input.note, at: now };
        break;
    }
  }
  if (rule.event === 'dismiss') patch.dismissNote = input.note;
  return patch;
}

/**
 * Writes one decided step in the running transaction: the problem patch with the next version,
 * the timeline event whose id that version fixes (two writers can never both append it), and the
 * units' assignment rows (`assignedUnitIds` says which exist already).
 */
export async function writeProblemStep(
  t: Tx,
  p: ProblemDoc,
  rule: ProblemRule,
  to: ProblemState,
  actor: StepActor,
  input: StepInput,
  now: number,
): Promise<ProblemDoc> {
  const patch = stepPatch(p, rule, to, input, now);
  const next = { ...p, ...patch } as ProblemDoc;
  const known = new Set(p.assignedUnitIds ?? []);
  const touched = [...new Set([...p.unitIds, ...next.unitIds])];
  const added = next.unitIds.filter((u) => !known.has(u));
  if (added.length > 0) patch.assignedUnitIds = [...known, ...added];
  const { _id: _omit, ...data } = patch as ProblemDoc;
  await t.collection(PROBLEMS).doc(p._id).update({ data });
  const extendedTo = next.extension && patch.extension ? chinaDay(next.extension.requestedDeadlineAt) : '';
  const note =
    rule.event === 'request_extension'
      ? `申请延期至 ${extendedTo}：${input.note}`
      : rule.event === 'approve_extension'
        ? `处置期限延至 ${extendedTo}${input.note ? `；${input.note}` : ''}`
        : rule.event === 'rate' && input.rating
          ? `${PROBLEM_RATING_LABELS[input.rating]}${input.note ? `：${input.note}` : ''}`
          : input.note;
  const event: ProblemEventDoc = {
    _id: problemEventIdOf(p._id, p.version + 1),
    problemId: p._id,
    seq: p.version + 1,
    event: rule.event,
    from: p.state,
    to,
    byOpenid: actor.openid,
    byParty: actor.party,
    actorLabel: actor.label,
    note,
    photos: input.photos,
    unitNames: rule.effects.includes('assign_units') ? next.unitNames : [],
    at: now,
  };
  await t.collection(PROBLEM_EVENTS).add({ data: event });
  await queueProblemNotices(t, next, rule.event, { actorOpenid: actor.openid, note: input.note, now });
  for (const unitId of touched) {
    const row: Omit<ProblemAssignmentDoc, '_id' | 'createdAt'> = {
      problemId: p._id,
      unitId,
      active: next.unitIds.includes(unitId),
      state: to,
      sortKey: p.sortKey,
      updatedAt: now,
    };
    if (known.has(unitId)) await t.collection(PROBLEM_ASSIGNMENTS).doc(assignmentIdOf(p._id, unitId)).update({ data: row });
    else await t.collection(PROBLEM_ASSIGNMENTS).add({ data: { _id: assignmentIdOf(p._id, unitId), ...row, createdAt: now } });
  }
  return next;
}

/** Checks what the rule needs; answers the deadline a 延期申请 asks for. */
function checkRequest(rule: ProblemRule, p: ProblemDoc, command: ProblemCommand, now: number): number | undefined {
  if (rule.needsNote && !command.note?.trim()) throw new DomainError(ErrorCode.InputInvalid, `请填写${rule.label}的原因`);
  if (rule.needsPhotos && !command.photos?.length) throw new DomainError(ErrorCode.InputInvalid, '请至少拍一张处置后的照片');
  if (rule.needsUnits && !command.unitIds?.length) throw new DomainError(ErrorCode.InputInvalid, '请选择处置单位');
  for (const guard of rule.guards ?? []) {
    const refusal = guardRefusal(guard, p, now);
    // Done once already (延期, 评价) is a conflict; not yet possible (回头看, nothing to answer) is the wrong state.
    const once = guard === 'extension_unasked' || guard === 'rating_open';
    if (refusal) throw new DomainError(once ? ErrorCode.Conflict : ErrorCode.InvalidTransition, refusal);
  }
  if (rule.effects.includes('record_rating') && !command.rating) throw new DomainError(ErrorCode.InputInvalid, '请选择满意程度');
  if (!rule.effects.includes('record_extension_request')) return undefined;
  const asked = extensionDeadlineOf(command.extensionDay ?? '', p.deadlineAt);
  if ('refusal' in asked) throw new DomainError(ErrorCode.InputInvalid, asked.refusal);
  return asked.deadlineAt;
}

/** The units a 派遣 names: each must exist, be active and work for the problem's 街道. */
async function unitsFor(p: ProblemDoc, unitIds: readonly string[] | undefined): Promise<HandlingUnit[]> {
  if (!unitIds?.length) return [];
  const ids = [...new Set(unitIds)];
  const units = await findUnits(ids);
  const byId = new Map(units.map((u) => [u._id, u]));
  return ids.map((id) => {
    const u = byId.get(id);
    if (!u?.active || u.subdistrictId !== p.subdistrictId) throw new DomainError(ErrorCode.NotFound, '找不到这个处置单位，请刷新后重选');
    return u;
  });
}

/**
 * THE way a caller fires a problem event: ONE transaction that reads the problem, checks the
 * version the caller saw, lets the table decide for the caller's parties, checks what the rule
 * needs, and writes the step. A concurrent writer makes the update conflict (CloudBase finds it at
 * update time, not at commit); inTransaction then runs it all again on the new version, where the
 * loser gets its clear refusal.
 */
export async function fireProblem(principal: LoadedPrincipal, command: ProblemCommand, now: number): Promise<ProblemDoc> {
  // 附议, 处置 and 核查 photos: the caller's own uploads under problems/ (checked before the transaction).
  await assertOwnUploads(command.photos, { folder: UPLOAD_FOLDERS.problemPhoto, openid: principal.openid, what: '照片' });
  return inProblemTransaction(async (t) => {
    const p = await txGet<ProblemDoc>(t, PROBLEMS, command.problemId);
    if (!p) throw new DomainError(ErrorCode.NotFound, '找不到这个问题');
    if (command.expectedVersion !== undefined && command.expectedVersion !== p.version) {
      throw new DomainError(ErrorCode.Conflict, '问题已有新的进展，请刷新后再操作');
    }
    const rel = await relationTo(principal, p);
    if (!rel.viewer) throw new DomainError(rel.refusal, rel.refusal === ErrorCode.OutOfScope ? '超出您负责的范围' : '没有权限查看这个问题');
    const decision = decideProblem(p.state, command.event, rel.parties);
    if (!decision.ok) {
      if (command.event === 'second' && rel.parties.includes('reporter')) {
        throw new DomainError(ErrorCode.Forbidden, '这是您自己上报的问题，不用附议');
      }
      throw new DomainError(decision.code, decision.message);
    }
    const rule = decision.rule;
    const extensionDeadlineAt = checkRequest(rule, p, command, now);
    if (rule.event === 'second') {
      const id = secondIdOf(p._id, principal.openid);
      if (await txGet<ProblemSecondDoc>(t, PROBLEM_SECONDS, id)) throw new DomainError(ErrorCode.Conflict, '您已经附议过这个问题');
      const row: ProblemSecondDoc = {
        _id: id,
        problemId: p._id,
        openid: principal.openid,
        photos: command.photos ?? [],
        note: command.note ?? '',
        at: now,
      };
      await t.collection(PROBLEM_SECONDS).add({ data: row });
    }
    const units = await unitsFor(p, rule.needsUnits ? command.unitIds : undefined);
    const party = rule.parties.find((x) => rel.parties.includes(x)) as ProblemParty;
    return writeProblemStep(
      t,
      p,
      rule,
      decision.to,
      { openid: principal.openid, party, label: rel.actorLabel },
      { note: command.note?.trim() ?? '', photos: command.photos ?? [], units, extensionDeadlineAt, rating: command.rating },
      now,
    );
  });
}

/** The 督办 timer's step on one problem, if the table still allows it on the problem as read now. */
export function fireSystem(problemId: string, event: 'supervise' | 'escalate', note: string, now: number): Promise<boolean> {
  return inProblemTransaction(async (t) => {
    const p = await txGet<ProblemDoc>(t, PROBLEMS, problemId);
    if (!p || !problemRuleOf(event, p.state)) return false;
    if (event === 'supervise' && (p.overdueLevel >= 1 || p.deadlineAt === null || p.deadlineAt >= now)) return false;
    if (event === 'escalate' && (p.overdueLevel >= 2 || p.escalateAt === null || p.escalateAt >= now)) return false;
    const decision = decideProblem(p.state, event, ['system']);
    if (!decision.ok) return false;
    await writeProblemStep(t, p, decision.rule, decision.to, SYSTEM, { note, photos: [], units: [] }, now);
    return true;
  });
}
