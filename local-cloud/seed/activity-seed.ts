/**
 * Demo 志愿活动, built relative to when the local cloud first starts (activities are about the
 * coming days, unlike the rest of the seed, which lies in the past): a station's 清洁家园 on the
 * coming Saturday, a team's 巡河 on Sunday, and 文明劝导 shifts every working day for two weeks.
 * Loaded like the demo seed: only into empty collections.
 */
import { ACTIVITIES, ACTIVITY_SESSIONS } from '../../database/collections';
import { recurringSessions, type SessionPlan, sessionsOf } from '../../src/domain/activity/activity.rules';
import { type ActivityDoc, type ActivitySessionDoc, keyOf, type Organiser } from '../../src/domain/activity/activity.types';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const SUBDISTRICT_ID = 'org-subdistrict-01';
const COMMUNITY_01 = 'org-community-01';

/** Midnight (China time) of the day `days` after `now`'s day, as epoch ms. */
function chinaMidnight(now: number, days: number): number {
  const local = now + 8 * HOUR;
  return local - (local % DAY) - 8 * HOUR + days * DAY;
}

/** Days from `now` to the next given weekday (China time), at least 1. */
function daysUntil(now: number, weekday: number): number {
  const today = new Date(now + 8 * HOUR).getUTCDay();
  return (weekday - today + 7) % 7 || 7;
}

interface Spec {
  id: string;
  title: string;
  category: string;
  description: string;
  address: string;
  organiser: Organiser;
  orgPath: string[];
  communityId: string | null;
  contactName: string;
  contactPhone: string;
  sessions: SessionPlan[];
}

function build(spec: Spec, now: number): { activity: ActivityDoc & { requestKey: string }; sessions: ActivitySessionDoc[] } {
  const sorted = [...spec.sessions].sort((a, b) => a.startAt - b.startAt);
  const firstStartAt = (sorted[0] as SessionPlan).startAt;
  const lastEndAt = Math.max(...sorted.map((s) => s.endAt));
  const activity: ActivityDoc & { requestKey: string } = {
    _id: spec.id,
    title: spec.title,
    category: spec.category,
    description: spec.description,
    cover: '',
    placeUnitId: spec.communityId ?? SUBDISTRICT_ID,
    address: spec.address,
    subdistrictId: SUBDISTRICT_ID,
    communityId: spec.communityId,
    organiser: spec.organiser,
    orgPath: spec.orgPath,
    organiserScopeId: spec.organiser.kind === 'team' ? spec.organiser.teamId : spec.organiser.unitId,
    contactName: spec.contactName,
    contactPhone: spec.contactPhone,
    requirements: { skills: [], partyOnly: false, minAge: null, maxAge: null },
    signUpOpensAt: now,
    signUpClosesAt: (sorted[sorted.length - 1] as SessionPlan).startAt,
    cancelBeforeMinutes: 120,
    needsApproval: false,
    state: 'published',
    sessionCount: sorted.length,
    firstStartAt,
    lastEndAt,
    createdBy: spec.organiser.kind === 'team' ? 'o-leader-03' : 'o-station-01',
    createdAt: now,
    updatedAt: now,
    squareKey: keyOf(lastEndAt, spec.id),
    requestId: `seed-${spec.id}`,
    requestKey: `seed:${spec.id}`,
  };
  const sessions = sessionsOf(activity, sorted, now);
  return { activity, sessions };
}

/** The demo activities and their sessions, keyed by collection (for `seedIfEmpty`). */
export function buildActivitySeed(now: number): Record<string, object[]> {
  const station: Organiser = { kind: 'org', unitId: COMMUNITY_01, name: '和平社区新时代文明实践站' };
  const saturday = chinaMidnight(now, daysUntil(now, 6));
  const sunday = chinaMidnight(now, daysUntil(now, 0));
  const tomorrow = chinaMidnight(now, 1);
  const specs: Spec[] = [
    {
      id: 'act-demo-clean',
      title: '清洁家园·楼道大扫除',
      category: '清洁家园',
      description: '清理楼道杂物、铲除小广告、整理非机动车。工具由实践站准备，请穿方便活动的衣服。',
      address: '和平社区党群服务中心门口集合',
      organiser: station,
      orgPath: [SUBDISTRICT_ID, COMMUNITY_01],
      communityId: COMMUNITY_01,
      contactName: '王老师',
      contactPhone: '13800001111',
      sessions: [
        { startAt: saturday + 9 * HOUR, endAt: saturday + 11.5 * HOUR, quota: 10 },
        { startAt: saturday + 14.5 * HOUR, endAt: saturday + 17 * HOUR, quota: 8 },
      ],
    },
    {
      id: 'act-demo-river',
      title: '锦江支流巡河护河',
      category: '巡河',
      description: '沿河步道巡查垃圾和排污口，拍照记录问题，捡拾岸边垃圾。',
      address: '新南社区滨河步道南入口',
      organiser: { kind: 'team', teamId: 'team-03', name: '红袖标巡防队' },
      orgPath: [SUBDISTRICT_ID],
      communityId: null,
      contactName: '李队长',
      contactPhone: '13900002222',
      sessions: [{ startAt: sunday + 8 * HOUR, endAt: sunday + 10 * HOUR, quota: 6 }],
    },
    {
      id: 'act-demo-traffic',
      title: '文明劝导·路口值守',
      category: '文明劝导',
      description: '早高峰在路口劝导行人和非机动车遵守信号灯，提醒佩戴头盔。每个工作日一班，可以只报其中几天。',
      address: '天府大道与锦城大道交叉口',
      organiser: station,
      orgPath: [SUBDISTRICT_ID, COMMUNITY_01],
      communityId: COMMUNITY_01,
      contactName: '王老师',
      contactPhone: '13800001111',
      sessions: recurringSessions({ startAt: tomorrow + 7.5 * HOUR, endAt: tomorrow + 9 * HOUR, quota: 4 }, 14),
    },
  ];
  const built = specs.map((s) => build(s, now));
  return { [ACTIVITIES]: built.map((b) => b.activity), [ACTIVITY_SESSIONS]: built.flatMap((b) => b.sessions) };
}
