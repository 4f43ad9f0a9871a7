/**
 * Order states as DESIGN.md §3 names them; codes are English, labels are what every screen shows.
 * States are data, grouped, so no screen or function tests strings one by one.
 */
export const ORDER_STATES = [
  'submitted',
  'accepted',
  'dispatched',
  'pooled',
  'taken',
  'in_service',
  'completed',
  'closed',
  'rejected',
  'cancelled',
] as const;

export type OrderState = (typeof ORDER_STATES)[number];

export const ORDER_STATE_LABELS: Readonly<Record<OrderState, string>> = {
  submitted: '待受理',
  accepted: '待派单',
  dispatched: '已派单',
  pooled: '待抢单',
  taken: '已接单',
  in_service: '服务中',
  completed: '待评价',
  closed: '已完成',
  rejected: '已驳回',
  cancelled: '已取消',
};

/** Colour family of each state on every screen: waiting on staff, with a team, waiting on the resident, finished, refused. */
export type OrderStateTone = 'waiting' | 'active' | 'rate' | 'done' | 'stopped';

export const ORDER_STATE_TONE: Readonly<Record<OrderState, OrderStateTone>> = {
  submitted: 'waiting',
  accepted: 'waiting',
  dispatched: 'active',
  pooled: 'active',
  taken: 'active',
  in_service: 'active',
  completed: 'rate',
  closed: 'done',
  rejected: 'stopped',
  cancelled: 'stopped',
};

/** Waiting for the station or institute to act. */
export const STAFF_QUEUE_STATES: readonly OrderState[] = ['submitted', 'accepted'];
/** A team owns the work. */
export const TEAM_ACTIVE_STATES: readonly OrderState[] = ['taken', 'in_service'];
/** Nothing more will happen (short of a 回头看 reopen of a closed order). */
export const FINAL_STATES: readonly OrderState[] = ['closed', 'rejected', 'cancelled'];
/** Open: everything not final. */
export const OPEN_STATES: readonly OrderState[] = ORDER_STATES.filter((s) => !FINAL_STATES.includes(s));

/** The resident's "my orders" tabs (待受理 / 进行中 / 待评价 / 已完成). */
export const RESIDENT_TABS = [
  { key: 'waiting', label: '待受理', states: ['submitted'] },
  { key: 'active', label: '进行中', states: ['accepted', 'dispatched', 'pooled', 'taken', 'in_service'] },
  { key: 'to_rate', label: '待评价', states: ['completed'] },
  { key: 'done', label: '已完成', states: ['closed', 'rejected', 'cancelled'] },
] as const satisfies readonly { key: string; label: string; states: readonly OrderState[] }[];
