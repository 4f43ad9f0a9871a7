import { ErrorCode } from '../shared/domain-error';
import { PROBLEM_OPEN_STATES, type ProblemState } from './problem.states';

/**
 * Who stands in which relation to a grid problem. The use case works out the caller's parties
 * (staff scope through `authorize`, the unit through the caller's `unit_staff` grants) and the
 * table below decides.
 */
export type ProblemParty =
  /** Whoever filed it (resident 随手拍, 楼栋长 / grid worker 巡查发现, volunteer). */
  | 'reporter'
  /** Station staff of the problem's community, or institute staff of its subdistrict. */
  | 'staff'
  /** The 楼栋长 of the problem's building (the grid worker on the spot: 自查自处, 核查, 回头看). */
  | 'grid'
  /** Staff of a handling unit (处置单位) the problem is dispatched to. */
  | 'unit'
  /** A neighbour (a resident or building head of the same 小区) who is not the reporter (附议). */
  | 'public'
  /** The 督办 timer. */
  | 'system';

export type ProblemEvent =
  | 'register'
  | 'dismiss'
  | 'dispatch'
  | 'return'
  | 'fix'
  | 'verify_pass'
  | 'verify_fail'
  | 'self_fix'
  | 'follow_up'
  | 'relapse'
  | 'second'
  | 'supervise'
  | 'escalate'
  | 'request_extension'
  | 'approve_extension'
  | 'refuse_extension'
  | 'rate';

/** What else happens when a transition lands; the use case carries these out in the same transaction. */
export type ProblemEffect =
  /** Units named by the request become the problem's handling units (派遣, several = 联合处置). */
  | 'assign_units'
  /** The problem leaves its units (退回 to the station). */
  | 'clear_units'
  /** A fresh deadline from the category's working days. */
  | 'set_deadline'
  /** The unit's after photos and note are recorded. */
  | 'record_fix'
  /** 返工 counted. */
  | 'count_rework'
  /** 回潮 counted. */
  | 'count_relapse'
  /** 销号: closed now, 回头看 due N days later. */
  | 'close'
  /** 即知即改 (自查自处) counted. */
  | 'count_on_the_spot'
  /** 附议 counted. */
  | 'count_second'
  /** 督办: flagged overdue (催办). */
  | 'mark_overdue'
  /** Twice overdue: escalated to the 实践所 (难事不出街道). */
  | 'mark_escalated'
  /** 延期申请: the unit's reason and the deadline it asks for wait for the station. */
  | 'record_extension_request'
  /** 同意延期: the deadline (and the escalation after it) move to the day asked for; 超期 flags clear. */
  | 'extend_deadline'
  /** 不同意延期: the request is settled, the deadline stays. */
  | 'refuse_extension'
  /** The reporter's 满意 / 基本满意 / 不满意 (and words) on the result. */
  | 'record_rating';

/**
 * The problem function's action a caller sends to fire an event: `transition` for the plain ones
 * (a note, units), `fix` / `verify` / `followUp` for those that bring photos or answers, `second`
 * for 附议, `report` for 自查自处 (filed and closed in one step); `timer`: only 督办 fires it.
 */
export type ProblemAction =
  | 'transition'
  | 'fix'
  | 'verify'
  | 'followUp'
  | 'second'
  | 'report'
  | 'timer'
  | 'requestExtension'
  | 'decideExtension'
  | 'rate';

/** What the request or the problem must bring beyond its state (checked before anything is written). */
export type ProblemGuard =
  /** The 回头看 date has come (closedAt + the category's follow-up days). */
  | 'follow_up_due'
  /** The unit has not asked for an extension on this problem yet (once per problem). */
  | 'extension_unasked'
  /** An extension request waits for the station's answer. */
  | 'extension_pending'
  /** Not rated yet, and not a 自查自处 (nobody else fixed it for the reporter). */
  | 'rating_open';

export interface ProblemRule {
  event: ProblemEvent;
  via: ProblemAction;
  from: readonly ProblemState[];
  /** `same` keeps the state (附议, 督办, 回头看 without 回潮). */
  to: ProblemState | 'same';
  parties: readonly ProblemParty[];
  effects: readonly ProblemEffect[];
  /** The Chinese verb on the button and in the timeline. */
  label: string;
  /** A reason is required so the other side knows why. */
  needsNote?: boolean;
  /** After photos are required (处置, 自查自处). */
  needsPhotos?: boolean;
  /** The request names the handling units (派遣). */
  needsUnits?: boolean;
  guards?: readonly ProblemGuard[];
}

const STAFF: readonly ProblemParty[] = ['staff'];
/** 核查 and 回头看: the station, or the grid worker of the building. */
const CHECKERS: readonly ProblemParty[] = ['staff', 'grid'];

/** THE grid problem state machine: event × state → next state, who may fire it, and what follows. */
export const PROBLEM_TRANSITIONS: readonly ProblemRule[] = [
  { event: 'register', via: 'transition', from: ['reported'], to: 'registered', parties: STAFF, effects: [], label: '立案' },
  {
    event: 'dismiss',
    via: 'transition',
    from: ['reported'],
    to: 'dismissed',
    parties: STAFF,
    effects: [],
    label: '不予立案',
    needsNote: true,
  },
  {
    event: 'dispatch',
    via: 'transition',
    from: ['registered'],
    to: 'dispatched',
    parties: STAFF,
    effects: ['assign_units', 'set_deadline'],
    label: '派遣',
    needsUnits: true,
  },
  {
    event: 'return',
    via: 'transition',
    from: ['dispatched'],
    to: 'registered',
    parties: ['unit'],
    effects: ['clear_units'],
    label: '退回',
    needsNote: true,
  },
  {
    event: 'fix',
    via: 'fix',
    from: ['dispatched'],
    to: 'fixed',
    parties: ['unit'],
    effects: ['record_fix'],
    label: '处置完成',
    needsPhotos: true,
  },
  { event: 'verify_pass', via: 'verify', from: ['fixed'], to: 'closed', parties: CHECKERS, effects: ['close'], label: '核查通过，销号' },
  {
    event: 'verify_fail',
    via: 'verify',
    from: ['fixed'],
    to: 'dispatched',
    parties: CHECKERS,
    effects: ['count_rework', 'set_deadline'],
    label: '核查不通过，返工',
    needsNote: true,
  },
  {
    // 小事不出楼栋: the 楼栋长 who found it fixed it on the spot; filed and closed in one step.
    event: 'self_fix',
    via: 'report',
    from: ['reported'],
    to: 'closed',
    parties: ['grid'],
    effects: ['record_fix', 'close', 'count_on_the_spot'],
    label: '自查自处',
    needsPhotos: true,
  },
  {
    event: 'follow_up',
    via: 'followUp',
    from: ['closed'],
    to: 'same',
    parties: CHECKERS,
    effects: [],
    label: '回头看：未回潮',
    guards: ['follow_up_due'],
  },
  {
    event: 'relapse',
    via: 'followUp',
    from: ['closed'],
    to: 'registered',
    parties: CHECKERS,
    effects: ['count_relapse', 'clear_units'],
    label: '回头看：回潮，重新立案',
    needsNote: true,
    guards: ['follow_up_due'],
  },
  {
    // 延期申请: once per problem, with a reason and the day asked for; the station answers.
    event: 'request_extension',
    via: 'requestExtension',
    from: ['dispatched'],
    to: 'same',
    parties: ['unit'],
    effects: ['record_extension_request'],
    label: '申请延期',
    needsNote: true,
    guards: ['extension_unasked'],
  },
  {
    event: 'approve_extension',
    via: 'decideExtension',
    from: ['dispatched'],
    to: 'same',
    parties: STAFF,
    effects: ['extend_deadline'],
    label: '同意延期',
    guards: ['extension_pending'],
  },
  {
    event: 'refuse_extension',
    via: 'decideExtension',
    from: ['dispatched'],
    to: 'same',
    parties: STAFF,
    effects: ['refuse_extension'],
    label: '不同意延期',
    needsNote: true,
    guards: ['extension_pending'],
  },
  {
    // After 销号 the reporter rates the result, once; it feeds 满意率.
    event: 'rate',
    via: 'rate',
    from: ['closed'],
    to: 'same',
    parties: ['reporter'],
    effects: ['record_rating'],
    label: '评价处置结果',
    guards: ['rating_open'],
  },
  { event: 'second', via: 'second', from: PROBLEM_OPEN_STATES, to: 'same', parties: ['public'], effects: ['count_second'], label: '附议' },
  { event: 'supervise', via: 'timer', from: ['dispatched'], to: 'same', parties: ['system'], effects: ['mark_overdue'], label: '超期催办' },
  {
    event: 'escalate',
    via: 'timer',
    from: ['dispatched'],
    to: 'same',
    parties: ['system'],
    effects: ['mark_escalated'],
    label: '超期升级督办',
  },
];

/** Events of the `transition` action, spelt out for its schema. */
export const PROBLEM_TRANSITION_EVENTS = ['register', 'dismiss', 'dispatch', 'return'] as const satisfies readonly ProblemEvent[];
export type ProblemTransitionEvent = (typeof PROBLEM_TRANSITION_EVENTS)[number];

export type ProblemDecision =
  | { ok: true; from: ProblemState; to: ProblemState; rule: ProblemRule }
  | { ok: false; code: typeof ErrorCode.InvalidTransition | typeof ErrorCode.Forbidden; message: string };

/** The rule of this event for a problem in this state, if the table has one. */
export function problemRuleOf(event: ProblemEvent, state: ProblemState): ProblemRule | undefined {
  return PROBLEM_TRANSITIONS.find((r) => r.event === event && r.from.includes(state));
}

/** May these parties fire this event on a problem in this state, and where does it go? */
export function decideProblem(state: ProblemState, event: ProblemEvent, parties: readonly ProblemParty[]): ProblemDecision {
  const rule = problemRuleOf(event, state);
  if (!rule) return { ok: false, code: ErrorCode.InvalidTransition, message: '问题当前状态不能进行此操作，请刷新' };
  if (!rule.parties.some((p) => parties.includes(p))) return { ok: false, code: ErrorCode.Forbidden, message: '没有权限进行此操作' };
  return { ok: true, from: state, to: rule.to === 'same' ? state : rule.to, rule };
}

/** The events a screen should offer these parties on a problem in this state (the button list). */
export function availableProblemEvents(state: ProblemState, parties: readonly ProblemParty[]): ProblemRule[] {
  return PROBLEM_TRANSITIONS.filter(
    (r) => r.from.includes(state) && r.parties.some((p) => parties.includes(p)) && r.via !== 'timer' && r.via !== 'report',
  );
}
