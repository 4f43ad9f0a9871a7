/**
 * Grid problem states as DESIGN.md §6 names them (网格问题闭环); codes are English, labels are what
 * every screen shows. State groups are data, so no screen or function tests strings one by one.
 */
export const PROBLEM_STATES = ['reported', 'registered', 'dispatched', 'fixed', 'closed', 'dismissed'] as const;

export type ProblemState = (typeof PROBLEM_STATES)[number];

export const PROBLEM_STATE_LABELS: Readonly<Record<ProblemState, string>> = {
  reported: '待立案',
  registered: '待派遣',
  dispatched: '处置中',
  fixed: '待核查',
  closed: '已销号',
  dismissed: '不予立案',
};

/** Colour family of each state (status-tag tones): waiting on staff, with a unit, waiting on the check, done, refused. */
export type ProblemStateTone = 'waiting' | 'active' | 'rate' | 'done' | 'stopped';

export const PROBLEM_STATE_TONE: Readonly<Record<ProblemState, ProblemStateTone>> = {
  reported: 'waiting',
  registered: 'waiting',
  dispatched: 'active',
  fixed: 'rate',
  closed: 'done',
  dismissed: 'stopped',
};

/** Nothing more will happen (short of a 回头看 that finds 回潮 on a closed problem). */
export const PROBLEM_FINAL_STATES: readonly ProblemState[] = ['closed', 'dismissed'];
/** Open: everything not final. A duplicate (附议) can only join an open problem. */
export const PROBLEM_OPEN_STATES: readonly ProblemState[] = PROBLEM_STATES.filter((s) => !PROBLEM_FINAL_STATES.includes(s));
/** With a handling unit: the deadline runs and 督办 watches it. */
export const PROBLEM_WITH_UNIT_STATES: readonly ProblemState[] = ['dispatched'];

/** The 台账 status tabs staff filter by (全部 = every state). */
export const LEDGER_TABS = [
  { key: 'reported', label: '待立案', states: ['reported'] },
  { key: 'registered', label: '待派遣', states: ['registered'] },
  { key: 'dispatched', label: '处置中', states: ['dispatched'] },
  { key: 'fixed', label: '待核查', states: ['fixed'] },
  { key: 'closed', label: '已销号', states: ['closed'] },
  { key: 'dismissed', label: '不予立案', states: ['dismissed'] },
] as const satisfies readonly { key: string; label: string; states: readonly ProblemState[] }[];
export type LedgerTab = (typeof LEDGER_TABS)[number]['key'];

/** The unit's tabs: work in hand (处置中) and what it reported fixed or was closed (已处置). */
export const UNIT_TABS = [
  { key: 'active', label: '待处置', states: ['dispatched'] },
  { key: 'done', label: '已处置', states: ['fixed', 'closed'] },
] as const satisfies readonly { key: string; label: string; states: readonly ProblemState[] }[];
export type UnitTab = (typeof UNIT_TABS)[number]['key'];
