/**
 * Every database collection's name, declared once: the cloud functions (server/), the indexes
 * (database/indexes.ts, one entry per name) and the local cloud's seed all use these.
 */
export const ORG_UNITS = 'org_units';
export const WECHAT_GROUPS = 'wechat_groups';
export const USERS = 'users';
export const TEAMS = 'teams';
export const VOLUNTEER_PROFILES = 'volunteer_profiles';
export const JOIN_REQUESTS = 'team_join_requests';
export const CATALOG_CATEGORIES = 'catalog_categories';
export const CATALOG_ITEMS = 'catalog_items';
export const INVITATIONS = 'invitations';
export const ATTEMPT_COUNTERS = 'attempt_counters';
export const REQUEST_LEDGER = 'request_ledger';
export const ORDERS = 'orders';
export const ORDER_EVENTS = 'order_events';
export const SERVICE_SESSIONS = 'service_sessions';
export const POINTS_LEDGER = 'points_ledger';
export const NOTIFICATIONS = 'notifications';
export const NOTIFY_SUBSCRIPTIONS = 'notify_subscriptions';
export const ANNOUNCEMENTS = 'announcements';
export const ANNOUNCEMENT_TARGETS = 'announcement_targets';
export const ANNOUNCEMENT_DELIVERIES = 'announcement_deliveries';
export const ANNOUNCEMENT_READS = 'announcement_reads';
export const ANNOUNCEMENT_GROUP_READS = 'announcement_group_reads';
export const ANNOUNCE_SUBSCRIBE_GRANTS = 'announce_subscribe_grants';
export const ANNOUNCE_ROBOT_QUOTA = 'announce_robot_quota';
export const PROBLEM_CATEGORIES = 'problem_categories';
export const HANDLING_UNITS = 'handling_units';
export const PROBLEMS = 'problems';
export const PROBLEM_EVENTS = 'problem_events';
export const PROBLEM_ASSIGNMENTS = 'problem_assignments';
export const PROBLEM_SECONDS = 'problem_seconds';
/** Each reveal of a resident's phone to a volunteer (who, which order, when): the PIPL access log. */
export const CONTACT_REVEALS = 'contact_reveals';
export const ACTIVITIES = 'activities';
export const ACTIVITY_SESSIONS = 'activity_sessions';
export const ACTIVITY_SIGNUPS = 'activity_signups';
export const HOURS_LEDGER = 'hours_ledger';
export const HOURS_CERTIFICATES = 'hours_certificates';
/** 巡查日志 (one per person per day) and 敲门行动 (visits, each household's latest). */
export const PATROL_LOGS = 'patrol_logs';
export const KNOCK_VISITS = 'knock_visits';
export const KNOCK_HOUSEHOLDS = 'knock_households';

export type CollectionName =
  | typeof ORG_UNITS
  | typeof WECHAT_GROUPS
  | typeof USERS
  | typeof TEAMS
  | typeof VOLUNTEER_PROFILES
  | typeof JOIN_REQUESTS
  | typeof CATALOG_CATEGORIES
  | typeof CATALOG_ITEMS
  | typeof INVITATIONS
  | typeof ATTEMPT_COUNTERS
  | typeof REQUEST_LEDGER
  | typeof ORDERS
  | typeof ORDER_EVENTS
  | typeof SERVICE_SESSIONS
  | typeof POINTS_LEDGER
  | typeof NOTIFICATIONS
  | typeof NOTIFY_SUBSCRIPTIONS
  | typeof ANNOUNCEMENTS
  | typeof ANNOUNCEMENT_TARGETS
  | typeof ANNOUNCEMENT_DELIVERIES
  | typeof ANNOUNCEMENT_READS
  | typeof ANNOUNCEMENT_GROUP_READS
  | typeof ANNOUNCE_SUBSCRIBE_GRANTS
  | typeof ANNOUNCE_ROBOT_QUOTA
  | typeof PROBLEM_CATEGORIES
  | typeof HANDLING_UNITS
  | typeof PROBLEMS
  | typeof PROBLEM_EVENTS
  | typeof PROBLEM_ASSIGNMENTS
  | typeof PROBLEM_SECONDS
  | typeof CONTACT_REVEALS
  | typeof ACTIVITIES
  | typeof ACTIVITY_SESSIONS
  | typeof ACTIVITY_SIGNUPS
  | typeof HOURS_LEDGER
  | typeof HOURS_CERTIFICATES
  | typeof PATROL_LOGS
  | typeof KNOCK_VISITS
  | typeof KNOCK_HOUSEHOLDS;
