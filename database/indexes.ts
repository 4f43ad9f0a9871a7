/**
 * THE list of database indexes, one entry per collection. Nothing else declares indexes.
 *
 * Every list query the cloud functions run must be backed by one of these (the local cloud records
 * queries that are not: `DocumentStore.unindexedScans()`), because WeChat Cloud's database scans
 * a whole collection otherwise, and slows down or times out as the data grows.
 *
 * How to create the same indexes in production (WeChat Cloud / CloudBase): `npm run deploy`
 * (scripts/deploy/) creates every missing collection and index listed here, through CloudBase
 * Manager's `database.updateCollection` (`CreateIndexes`); it never drops or changes one. By hand:
 * 云开发控制台 → 数据库 → the collection → 索引管理 → 添加索引, with `name` as 索引名称, each field
 * of `fields` in order (1 = 升序, -1 = 降序), 唯一 when `unique` is true.
 *
 * Rules of thumb:
 *  - at most about 20 indexes per collection (platform limit); `_id` is always indexed;
 *  - put equality fields first, then the range / sort field (e.g. `categoryId` then `order`);
 *  - the local store pushes down equality / `$in` / range conditions on string, number and boolean
 *    values of an index's leading fields; fields that hold arrays are not served by an index
 *    locally (the query is then a recorded full scan, still correct);
 *  - `unique` indexes locally ignore documents where the field is missing (like a sparse index).
 */

import {
  ACTIVITIES,
  ACTIVITY_SESSIONS,
  ACTIVITY_SIGNUPS,
  ANNOUNCE_ROBOT_QUOTA,
  ANNOUNCE_SUBSCRIBE_GRANTS,
  ANNOUNCEMENT_DELIVERIES,
  ANNOUNCEMENT_GROUP_READS,
  ANNOUNCEMENT_READS,
  ANNOUNCEMENT_TARGETS,
  ANNOUNCEMENTS,
  ATTEMPT_COUNTERS,
  CATALOG_CATEGORIES,
  CATALOG_ITEMS,
  CONTACT_REVEALS,
  type CollectionName,
  HANDLING_UNITS,
  HOURS_CERTIFICATES,
  HOURS_LEDGER,
  INVITATIONS,
  JOIN_REQUESTS,
  KNOCK_HOUSEHOLDS,
  KNOCK_VISITS,
  NOTIFICATIONS,
  NOTIFY_SUBSCRIPTIONS,
  ORDER_EVENTS,
  ORDERS,
  ORG_UNITS,
  PATROL_LOGS,
  POINTS_LEDGER,
  PROBLEM_ASSIGNMENTS,
  PROBLEM_CATEGORIES,
  PROBLEM_EVENTS,
  PROBLEM_SECONDS,
  PROBLEMS,
  REQUEST_LEDGER,
  SERVICE_SESSIONS,
  TEAMS,
  USERS,
  VOLUNTEER_PROFILES,
  WECHAT_GROUPS,
} from './collections';

/** 1 = ascending, -1 = descending, '2dsphere' = a geo index on GeoJSON points (地理位置索引). */
export type IndexDirection = 1 | -1 | '2dsphere';

export interface IndexField {
  /** Field path, dotted for nested fields (`roles.scopeId`). Letters, digits, `_` and `.` only. */
  readonly field: string;
  readonly direction: IndexDirection;
}

export interface IndexSpec {
  /** Index name as shown in the console (unique within a collection). */
  readonly name: string;
  readonly fields: readonly IndexField[];
  readonly unique?: boolean;
}

export type CollectionIndexes = Readonly<Record<string, readonly IndexSpec[]>>;

export const asc = (field: string): IndexField => ({ field, direction: 1 });
export const desc = (field: string): IndexField => ({ field, direction: -1 });
/**
 * A geo index on a field holding GeoJSON points (`db.Geo.Point(lng, lat)`): what `_.geoNear`,
 * `_.geoWithin` and the aggregate stage `geoNear` need on CloudBase. Console: 索引管理 → 添加索引 →
 * the field with 地理位置 as its type; management API: `Direction: '2dsphere'`. Locally such a
 * query is a full scan that is not reported as unindexed.
 */
export const geo = (field: string): IndexField => ({ field, direction: '2dsphere' });

/** One entry per collection of database/collections.ts (the compiler checks none is missing). */
export const COLLECTION_INDEXES: Readonly<Record<CollectionName, readonly IndexSpec[]>> = {
  /** The org tree (institute → station → community → estate → building): children of a node, by kind. */
  [ORG_UNITS]: [
    { name: 'parentId_1', fields: [asc('parentId')] },
    { name: 'kind_1_parentId_1', fields: [asc('kind'), asc('parentId')] },
  ],
  /** Residents' WeChat groups, one per building. */
  [WECHAT_GROUPS]: [
    { name: 'buildingId_1', fields: [asc('buildingId')] },
    /** A share card opened from a group: which building's group is this opengid (announce detail). */
    { name: 'opengid_1', fields: [asc('opengid')] },
  ],
  /** Users (openid is the `_id`): residents of a building, pending bindings to decide. */
  [USERS]: [
    { name: 'buildingId_1', fields: [asc('buildingId')] },
    { name: 'binding_1_buildingId_1', fields: [asc('binding'), asc('buildingId')] },
  ],
  /** Volunteer teams: one name per team (createTeam), listed best-rated first. */
  [TEAMS]: [
    { name: 'name_unique', fields: [asc('name')], unique: true },
    { name: 'rating_-1', fields: [desc('rating')] },
  ],
  /** Volunteer registrations (openid is the `_id`): pending applications of a community or subdistrict. */
  [VOLUNTEER_PROFILES]: [
    { name: 'status_1_communityId_1', fields: [asc('status'), asc('communityId')] },
    { name: 'status_1_subdistrictId_1', fields: [asc('status'), asc('subdistrictId')] },
  ],
  /** Requests to join a team: one open request per (team, volunteer) through `openKey`; open ones per team / per volunteer. */
  [JOIN_REQUESTS]: [
    { name: 'openKey_unique', fields: [asc('openKey')], unique: true },
    { name: 'teamId_1_status_1_createdAt_1', fields: [asc('teamId'), asc('status'), asc('createdAt')] },
    { name: 'openid_1_status_1', fields: [asc('openid'), asc('status')] },
  ],
  /** Service menu categories, shown in `order`. */
  [CATALOG_CATEGORIES]: [{ name: 'order_1', fields: [asc('order')] }],
  /** Service menu items of a category, shown in `order`. */
  [CATALOG_ITEMS]: [{ name: 'categoryId_1_order_1', fields: [asc('categoryId'), asc('order')] }],
  /** One-time staff invitation codes (the code is the `_id`); 已发邀请码 lists an issuer's newest first. */
  [INVITATIONS]: [{ name: 'issuedBy_1_createdAt_-1', fields: [asc('issuedBy'), desc('createdAt')] }],
  /** Failed guesses of a secret (invitation codes, 确认码) per caller / per (caller, order); read by `_id` only. */
  [ATTEMPT_COUNTERS]: [],
  /** Idempotency ledger: one row per request key, so a retried request is answered once. */
  [REQUEST_LEDGER]: [{ name: 'key_unique', fields: [asc('key')], unique: true }],
  /**
   * Orders (点单): a resident's orders by tab, orders a building head placed (代点单), the station
   * queue (community, station level) and the institute queue (subdistrict), a team's orders, the
   * open pool and the deadline sweep.
   */
  [ORDERS]: [
    { name: 'requesterOpenid_1_state_1_sortKey_-1', fields: [asc('requesterOpenid'), asc('state'), desc('sortKey')] },
    { name: 'placedByOpenid_1_state_1_sortKey_-1', fields: [asc('placedByOpenid'), asc('state'), desc('sortKey')] },
    {
      name: 'communityId_1_level_1_state_1_queueKey_1',
      fields: [asc('communityId'), asc('level'), asc('state'), asc('queueKey')],
    },
    { name: 'subdistrictId_1_state_1_queueKey_1', fields: [asc('subdistrictId'), asc('state'), asc('queueKey')] },
    /** 派单台 search by keyed digests of the phone, its last 4 digits and the resident's name (server/order/search-keys.ts). */
    { name: 'phoneKey_1_queueKey_1', fields: [asc('phoneKey'), asc('queueKey')] },
    { name: 'phoneTailKey_1_queueKey_1', fields: [asc('phoneTailKey'), asc('queueKey')] },
    { name: 'nameKey_1_queueKey_1', fields: [asc('nameKey'), asc('queueKey')] },
    { name: 'teamId_1_state_1_sortKey_-1', fields: [asc('teamId'), asc('state'), desc('sortKey')] },
    /** 心愿墙: the 微心愿 a unit or party member adopted (认领) and has not delivered yet. */
    { name: 'adopterOpenid_1_state_1_sortKey_-1', fields: [asc('adopterOpenid'), asc('state'), desc('sortKey')] },
    { name: 'state_1_responseDeadline_1', fields: [asc('state'), asc('responseDeadline')] },
    /** The closing sweep: completed orders past their rating window (auto_close). */
    { name: 'state_1_rateBy_1', fields: [asc('state'), asc('rateBy')] },
    /** The closing sweep: closed orders due a 回头看 prompt. */
    { name: 'state_1_followUpPrompted_1_followUpAt_1', fields: [asc('state'), asc('followUpPrompted'), asc('followUpAt')] },
    /** The order timer: orders whose step effects are not yet confirmed applied (server/order/order-effects.ts). */
    { name: 'effectsDue_1_effectsAt_1', fields: [asc('effectsDue'), asc('effectsAt')] },
  ],
  /** Timeline events an order no longer keeps in itself (older orders, long histories), append-only: one per (order, seq). */
  [ORDER_EVENTS]: [{ name: 'orderId_1_seq_1', fields: [asc('orderId'), asc('seq')], unique: true }],
  /** Check-in / check-out per volunteer (`_id` = order, round, volunteer): an order's sessions of one round. */
  [SERVICE_SESSIONS]: [{ name: 'orderId_1_round_1_checkInAt_1', fields: [asc('orderId'), asc('round'), asc('checkInAt')] }],
  /**
   * Points ledger (积分), append-only: one row per (order, round, volunteer, reason) through the
   * unique `key` (= `_id`); a volunteer's history newest first and their balance ($match openid).
   */
  [POINTS_LEDGER]: [
    { name: 'key_unique', fields: [asc('key')], unique: true },
    { name: 'openid_1_sortKey_-1', fields: [asc('openid'), desc('sortKey')] },
    /** Points credited for one order (audits, reports). */
    { name: 'orderId_1', fields: [asc('orderId')] },
  ],
  /**
   * Subscribe-message outbox: one row per (order, version, recipient, template) through the
   * unique `key` (= `_id`); the worker (server/kit/outbox.ts) picks due rows by state and time,
   * and lapsed claims by state and lease.
   */
  [NOTIFICATIONS]: [
    { name: 'key_unique', fields: [asc('key')], unique: true },
    { name: 'state_1_nextAttemptAt_1', fields: [asc('state'), asc('nextAttemptAt')] },
    { name: 'state_1_leaseUntil_1', fields: [asc('state'), asc('leaseUntil')] },
    { name: 'orderId_1_version_1', fields: [asc('orderId'), asc('version')] },
  ],
  /** Staff who subscribed to order alerts, per community / subdistrict. */
  [NOTIFY_SUBSCRIPTIONS]: [{ name: 'scopeId_1_templateKey_1', fields: [asc('scopeId'), asc('templateKey')] }],
  /** Announcements (公告): an author's list newest first, scheduled ones falling due, publishing ones to resume. */
  [ANNOUNCEMENTS]: [
    { name: 'authorOpenid_1_createdAt_-1', fields: [asc('authorOpenid'), desc('createdAt')] },
    { name: 'state_1_publishAt_1', fields: [asc('state'), asc('publishAt')] },
    { name: 'state_1_planLeaseUntil_1', fields: [asc('state'), asc('planLeaseUntil')] },
  ],
  /** One row per (announcement, building): a building's feed newest first; an announcement's awareness rows. */
  [ANNOUNCEMENT_TARGETS]: [
    { name: 'buildingId_1_publishedAt_-1', fields: [asc('buildingId'), desc('publishedAt')] },
    { name: 'announcementId_1_buildingId_1', fields: [asc('announcementId'), asc('buildingId')] },
  ],
  /**
   * Announcement delivery outbox: one row per (announcement, channel, recipient), the key is the
   * `_id`. Due rows per state and channel, expired leases, progress counts, a head's share tasks.
   */
  [ANNOUNCEMENT_DELIVERIES]: [
    { name: 'state_1_channel_1_nextAttemptAt_1', fields: [asc('state'), asc('channel'), asc('nextAttemptAt')] },
    { name: 'state_1_leaseUntil_1', fields: [asc('state'), asc('leaseUntil')] },
    { name: 'announcementId_1_channel_1_state_1', fields: [asc('announcementId'), asc('channel'), asc('state')] },
    { name: 'recipient_1_channel_1_createdAt_-1', fields: [asc('recipient'), asc('channel'), desc('createdAt')] },
  ],
  /** Read ledger, one row per (announcement, reader) by `_id`: readers of a building (unread list for 敲门). */
  [ANNOUNCEMENT_READS]: [{ name: 'announcementId_1_buildingId_1', fields: [asc('announcementId'), asc('buildingId')] }],
  /** Share cards opened from a group, one row per (announcement, group, opener) by `_id`. */
  [ANNOUNCEMENT_GROUP_READS]: [{ name: 'announcementId_1_buildingId_1', fields: [asc('announcementId'), asc('buildingId')] }],
  /** Residents' subscribe grants for the announcement template (`_id` = openid), read per building when planning. */
  [ANNOUNCE_SUBSCRIBE_GRANTS]: [{ name: 'buildingId_1_remaining_1', fields: [asc('buildingId'), asc('remaining')] }],
  /** Robot sends per (webhook, minute) (`_id` = hash:minute): the 20-per-minute limit across workers. */
  [ANNOUNCE_ROBOT_QUOTA]: [{ name: 'minute_1', fields: [asc('minute')] }],
  /** Grid problem categories of a 街道, in display order (the 随手拍 form, the 台账 filter). */
  [PROBLEM_CATEGORIES]: [{ name: 'subdistrictId_1_order_1', fields: [asc('subdistrictId'), asc('order')] }],
  /** Handling units (处置单位) of a 街道, in display order (the 派遣 picker). */
  [HANDLING_UNITS]: [{ name: 'subdistrictId_1_order_1', fields: [asc('subdistrictId'), asc('order')] }],
  /**
   * Grid problems: the reporter's 我的随手拍 (and the daily report limit), the station 台账 by
   * state, the institute 台账, a building's problems (核查, 回头看 by the building head), the
   * duplicate check (附议), and the 督办 sweep (due to 催办, due to escalate).
   */
  [PROBLEMS]: [
    { name: 'reporterOpenid_1_sortKey_-1', fields: [asc('reporterOpenid'), desc('sortKey')] },
    { name: 'communityId_1_state_1_sortKey_-1', fields: [asc('communityId'), asc('state'), desc('sortKey')] },
    { name: 'subdistrictId_1_state_1_sortKey_-1', fields: [asc('subdistrictId'), asc('state'), desc('sortKey')] },
    { name: 'buildingId_1_state_1_sortKey_-1', fields: [asc('buildingId'), asc('state'), desc('sortKey')] },
    {
      name: 'estateId_1_categoryId_1_state_1_createdAt_-1',
      fields: [asc('estateId'), asc('categoryId'), asc('state'), desc('createdAt')],
    },
    { name: 'state_1_overdueLevel_1_deadlineAt_1', fields: [asc('state'), asc('overdueLevel'), asc('deadlineAt')] },
    { name: 'state_1_overdueLevel_1_escalateAt_1', fields: [asc('state'), asc('overdueLevel'), asc('escalateAt')] },
  ],
  /** A problem's timeline, append-only: one event per (problem, seq). */
  [PROBLEM_EVENTS]: [{ name: 'problemId_1_seq_1', fields: [asc('problemId'), asc('seq')], unique: true }],
  /** One row per (problem, unit) (`_id`): a unit's list by state, newest first (a unit sees only its own). */
  [PROBLEM_ASSIGNMENTS]: [{ name: 'unitId_1_state_1_sortKey_-1', fields: [asc('unitId'), asc('state'), desc('sortKey')] }],
  /** 附议, one row per (problem, person) (`_id`): a problem's seconds in order. */
  [PROBLEM_SECONDS]: [{ name: 'problemId_1_at_1', fields: [asc('problemId'), asc('at')] }],
  /** Phone reveals (append-only): an order's reveals in time order, and one person's. */
  [CONTACT_REVEALS]: [
    { name: 'orderId_1_at_1', fields: [asc('orderId'), asc('at')] },
    { name: 'openid_1_at_-1', fields: [asc('openid'), desc('at')] },
  ],
  /**
   * 志愿活动: one per (creator, requestId) through `requestKey`; the square (published, soonest
   * ending first by `squareKey`) and an organiser's list (station / institute / team scope).
   */
  [ACTIVITIES]: [
    { name: 'requestKey_unique', fields: [asc('requestKey')], unique: true },
    { name: 'state_1_squareKey_1', fields: [asc('state'), asc('squareKey')] },
    { name: 'organiserScopeId_1_squareKey_1', fields: [asc('organiserScopeId'), asc('squareKey')] },
  ],
  /** 场次 (`_id` = activity, index): an activity's sessions in order; `signedUp` changes only by conditional update. */
  [ACTIVITY_SESSIONS]: [
    { name: 'activityId_1_index_1', fields: [asc('activityId'), asc('index')] },
    /** The timer: sessions whose hours are still unconfirmed past their 10-working-day deadline. */
    { name: 'hoursConfirmed_1_confirmOverdue_1_confirmBy_1', fields: [asc('hoursConfirmed'), asc('confirmOverdue'), asc('confirmBy')] },
    /** The timer: sessions starting within a day whose 活动开始提醒 are not queued yet. */
    { name: 'reminded_1_startAt_1', fields: [asc('reminded'), asc('startAt')] },
  ],
  /**
   * 报名, one per (session, volunteer) (`_id`): a session's roster and its 候补 in order, a
   * volunteer's sign-ups by time (overlap check, 我的报名), and the sweep (signed in or not
   * come, session ended).
   */
  [ACTIVITY_SIGNUPS]: [
    { name: 'sessionId_1_waitKey_1', fields: [asc('sessionId'), asc('waitKey')] },
    { name: 'sessionId_1_status_1_waitKey_1', fields: [asc('sessionId'), asc('status'), asc('waitKey')] },
    { name: 'openid_1_status_1_startAt_1', fields: [asc('openid'), asc('status'), asc('startAt')] },
    { name: 'status_1_attendance_1_endAt_1', fields: [asc('status'), asc('attendance'), asc('endAt')] },
  ],
  /** THE hours ledger, append-only (`_id` = key, one entry per source record): a volunteer's entries newest first. */
  [HOURS_LEDGER]: [
    { name: 'openid_1_sortKey_-1', fields: [asc('openid'), desc('sortKey')] },
    { name: 'sessionId_1', fields: [asc('sessionId')] },
    /** 补录 / 更正 waiting for approval in a community / subdistrict, oldest first. */
    { name: 'status_1_communityId_1_at_1', fields: [asc('status'), asc('communityId'), asc('at')] },
    { name: 'status_1_subdistrictId_1_at_1', fields: [asc('status'), asc('subdistrictId'), asc('at')] },
    /** 时长导出: a community's / subdistrict's entries of a period, oldest first. */
    { name: 'communityId_1_startAt_1', fields: [asc('communityId'), asc('startAt')] },
    { name: 'subdistrictId_1_startAt_1', fields: [asc('subdistrictId'), asc('startAt')] },
  ],
  /** 志愿服务记录证明: looked up by number (verify), a volunteer's own, requested ones of a station / institute. */
  [HOURS_CERTIFICATES]: [
    { name: 'number_unique', fields: [asc('number')], unique: true },
    { name: 'openid_1_requestedAt_-1', fields: [asc('openid'), desc('requestedAt')] },
    { name: 'status_1_communityId_1_requestedAt_1', fields: [asc('status'), asc('communityId'), asc('requestedAt')] },
    { name: 'status_1_subdistrictId_1_requestedAt_1', fields: [asc('status'), asc('subdistrictId'), asc('requestedAt')] },
  ],
  /** 巡查日志 (`_id` = openid:day): a person's recent logs, a community's or subdistrict's logs of a period. */
  [PATROL_LOGS]: [
    { name: 'openid_1_day_-1', fields: [asc('openid'), desc('day')] },
    { name: 'communityId_1_day_-1', fields: [asc('communityId'), desc('day')] },
    { name: 'subdistrictId_1_day_-1', fields: [asc('subdistrictId'), desc('day')] },
  ],
  /** 敲门 visits (append-only): a building's latest visits, one household's history, an announcement's door reach. */
  [KNOCK_VISITS]: [
    { name: 'buildingId_1_at_-1', fields: [asc('buildingId'), desc('at')] },
    { name: 'householdId_1_at_-1', fields: [asc('householdId'), desc('at')] },
    { name: 'announcementId_1_result_1_buildingId_1', fields: [asc('announcementId'), asc('result'), asc('buildingId')] },
  ],
  /** Each household's latest visit (`_id` = buildingId:room): the 入户率 of buildings. */
  [KNOCK_HOUSEHOLDS]: [{ name: 'buildingId_1_room_1', fields: [asc('buildingId'), asc('room')] }],
};
