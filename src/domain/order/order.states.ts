/**
 * Order states as DESIGN.md §3 names them; codes are English, labels are what every screen shows.
 * States are data, grouped, so no screen or function tests strings one by one.
 */
export const ORDER_STATES = [
  'submitted',
  'accepted',
  'dispatched',
  'pooled',
  'on_wall',
  'adopted',
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
  on_wall: '待认领',
  adopted: '已认领',
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
  on_wall: 'active',
  adopted: 'active',
  taken: 'active',
  in_service: 'active',
  completed: 'rate',
  closed: 'done',
  rejected: 'stopped',
  cancelled: 'stopped',
};

/*
 * State groups, named for what they mean. Every list of states in the functions and the screens is
 * one of these (or the table's own `from`), so a new state is placed once, here.
 */

/** On a staff desk: waiting for the station or institute to 受理 / 派单; past the deadline it is flagged for 催办. */
export const WITH_STAFF_STATES: readonly OrderState[] = ['submitted', 'accepted'];
/** Offered to teams (派给一支队伍, or in the 抢单大厅) and not taken yet; past the deadline the offer expires. */
export const OFFERED_STATES: readonly OrderState[] = ['dispatched', 'pooled'];
/** Nobody has taken it yet: the 派单台's default list, and the only states in which a missed deadline is overdue. */
export const AWAITING_TAKE_STATES: readonly OrderState[] = [...WITH_STAFF_STATES, ...OFFERED_STATES];
/** A team owns the work and serves it (指派, 签到, 签退): members see it in 服务任务, the resident shows the 确认码. */
export const TEAM_ACTIVE_STATES: readonly OrderState[] = ['taken', 'in_service'];
/** 微心愿 on the 心愿墙: waiting for a unit or party member to 认领 it, or adopted and on its way (no team). */
export const WALL_STATES: readonly OrderState[] = ['on_wall', 'adopted'];
/** What weighs on a team when 派单推荐 ranks it: offered to it, or served by it. */
export const TEAM_LOAD_STATES: readonly OrderState[] = ['dispatched', ...TEAM_ACTIVE_STATES];
/** The team inbox by default: offered to the team, served by it, or waiting for the resident's rating. */
export const TEAM_INBOX_STATES: readonly OrderState[] = [...TEAM_LOAD_STATES, 'completed'];
/** Served to the end: the hours are confirmed (waiting for the rating, or closed). */
export const SERVED_STATES: readonly OrderState[] = ['completed', 'closed'];
/** A team has got it (this round): a 抢单 that arrives now lost the race. */
export const TAKEN_STATES: readonly OrderState[] = [...TEAM_ACTIVE_STATES, ...SERVED_STATES];
/** Nothing more will happen (short of a 回头看 reopen of a closed order). */
export const FINAL_STATES: readonly OrderState[] = ['closed', 'rejected', 'cancelled'];
/** Open: everything not final. */
export const OPEN_STATES: readonly OrderState[] = ORDER_STATES.filter((s) => !FINAL_STATES.includes(s));
/** Work in hand: with staff or a team, not served to the end yet (the 派单台's chart). */
export const WORK_IN_HAND_STATES: readonly OrderState[] = [...AWAITING_TAKE_STATES, ...WALL_STATES, ...TEAM_ACTIVE_STATES];
/** The states the 派单台 filters by: everything staff may still look up on their desk (closed and cancelled orders are not). */
export const DESK_FILTER_STATES = [
  'submitted',
  'accepted',
  'dispatched',
  'pooled',
  'on_wall',
  'adopted',
  'taken',
  'in_service',
  'completed',
  'rejected',
] as const satisfies readonly OrderState[];

/**
 * The resident's 我的订单 tabs after 全部 (no tab: every order): 进行中 (from 点单 until served, 待受理
 * included), 待评价, 已完成, and 取消/驳回 so a withdrawn or refused order is found under its own name.
 */
export const RESIDENT_TABS = [
  {
    key: 'active',
    label: '进行中',
    states: ['submitted', 'accepted', 'dispatched', 'pooled', 'on_wall', 'adopted', 'taken', 'in_service'],
  },
  { key: 'to_rate', label: '待评价', states: ['completed'] },
  { key: 'done', label: '已完成', states: ['closed'] },
  { key: 'stopped', label: '取消/驳回', states: ['rejected', 'cancelled'] },
] as const satisfies readonly { key: string; label: string; states: readonly OrderState[] }[];
