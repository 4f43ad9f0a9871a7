import { ANNOUNCEMENTS, KNOCK_HOUSEHOLDS, KNOCK_VISITS, ORG_UNITS } from '../../database/collections';
import type { AnnouncementDoc } from '../../src/domain/announce/announce.types';
import {
  doorReachOf,
  householdAwareness,
  householdIdOf,
  householdsOf,
  KNOCK_RESULT_LABELS,
  type KnockResult,
  roomOf,
} from '../../src/domain/grid/grid.rules';
import type { KnockHouseholdDoc, KnockVisitDoc, RecentVisit } from '../../src/domain/grid/grid.types';
import type { KnockBuildingView, KnockHomeView, OpinionReportAnswer, VisitRow } from '../../src/domain/grid/grid.views';
import { authorize } from '../../src/domain/identity/authorize';
import type { UserProfile } from '../../src/domain/identity/role';
import type { OrgUnit } from '../../src/domain/org/org.types';
import type { ReportAnswer } from '../../src/domain/problem/problem.views';
import type { CloudResult } from '../../src/domain/shared/cloud-result';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { readersAmong } from '../announce/audience';
import type { Actor } from '../kit/actor';
import { lookupWhere } from '../kit/lookup';
import { callerLookup, type LoadedPrincipal, principalOf } from '../kit/principal';
import { readById } from '../kit/read-list';
import { idForRequest } from '../kit/request-id';
import { isDuplicateKey } from '../kit/tx';
import { database, wxCloud } from '../kit/wx-cloud';
import { orgPathOf } from '../org/org-units';
import { categoriesOf } from '../problem/problem-store';
import { assertMayKnock, nameOf, roleLabelOf, scopeBuildings } from './grid-scope';
import { latestByBuilding, type ResidentRow, residentRoomsByBuilding, residentsOf, resultsOf } from './reach';

const VISITS_SHOWN = 30;
/** Visits a household keeps embedded, newest first: the doors screen shows the building's latest from them. */
const HOUSEHOLD_RECENT = 10;

/** 敲门: the buildings the caller may knock in, each with its 入户率. */
export async function knockHome(principal: LoadedPrincipal): Promise<KnockHomeView> {
  const { buildings, estates, truncated } = await scopeBuildings(principal, 'grid.knock');
  const ids = buildings.map((b) => b._id);
  const [rooms, latest] = await Promise.all([residentRoomsByBuilding(ids), latestByBuilding(ids)]);
  const all: ReturnType<typeof householdsOf> = [];
  const rows = buildings.map((b) => {
    const households = householdsOf(rooms.get(b._id) ?? [], resultsOf(latest.get(b._id)));
    all.push(...households);
    return { id: b._id, name: b.name, estateName: estates.get(b.parentId ?? '') ?? '', ...doorReachOf(households) };
  });
  return { buildings: rows, total: doorReachOf(all), truncated };
}

/** The announcement asked about, when it was pushed to this building. */
function announcementFor(a: AnnouncementDoc | null, building: OrgUnit): AnnouncementDoc {
  if (!a || (a.state !== 'published' && a.state !== 'publishing') || !a.buildingIds.includes(building._id)) {
    throw new DomainError(ErrorCode.NotFound, '这条公告没有推送到这个楼栋');
  }
  return a;
}

interface BuildingContext {
  principal: LoadedPrincipal;
  building: OrgUnit;
  estate: OrgUnit | null;
  announcement: AnnouncementDoc | null;
}

/**
 * What a door action reads first, in ONE database request (as server/order reads a step): the
 * building with its estate, the caller's `users` record and the announcement asked about,
 * folded in by `$lookup` on their ids.
 */
async function readBuildingContext(actor: Actor, buildingId: string, announcementId: string | undefined): Promise<BuildingContext> {
  const db = database();
  let q = db
    .collection(ORG_UNITS)
    .aggregate()
    .match({ _id: buildingId })
    .limit(1)
    .lookup({ from: ORG_UNITS, localField: 'parentId', foreignField: '_id', as: 'estate_' })
    .lookup(callerLookup(actor));
  if (announcementId) {
    q = q.lookup(lookupWhere(ANNOUNCEMENTS, { _id: announcementId }, 'announcement_'));
  }
  const res = (await q.end()) as {
    list: (OrgUnit & { estate_?: OrgUnit[]; caller_?: UserProfile[]; announcement_?: AnnouncementDoc[] })[];
  };
  const row = res.list[0];
  if (row?.kind !== 'building') throw new DomainError(ErrorCode.NotFound, '找不到这个楼栋');
  const { estate_, caller_, announcement_, ...building } = row;
  const user = caller_?.[0];
  const principal = principalOf(actor.openid, user);
  return {
    principal,
    building: building as OrgUnit,
    estate: estate_?.[0] ?? null,
    announcement: announcementId ? announcementFor(announcement_?.[0] ?? null, building as OrgUnit) : null,
  };
}

/** Problem categories per 街道, kept by a warm instance for a minute (staff change them rarely; the opinion form only picks one). */
const CATEGORIES_TTL_MS = 60_000;
const categoriesCache = new Map<string, { at: number; rows: Promise<{ categoryId: string; name: string }[]> }>();
function reportCategories(subdistrictId: string): Promise<{ categoryId: string; name: string }[]> {
  const hit = categoriesCache.get(subdistrictId);
  if (hit && Date.now() - hit.at < CATEGORIES_TTL_MS) return hit.rows;
  const rows = categoriesOf(subdistrictId).then((cs) => cs.map((c) => ({ categoryId: c._id, name: c.name })));
  categoriesCache.set(subdistrictId, { at: Date.now(), rows });
  rows.catch(() => categoriesCache.delete(subdistrictId));
  return rows;
}

const visitRow = (v: RecentVisit): VisitRow => ({
  visitId: v.visitId,
  room: v.room,
  result: v.result,
  resultLabel: KNOCK_RESULT_LABELS[v.result],
  announcementTitle: v.announcementTitle,
  opinion: v.opinion,
  byName: v.byName,
  at: v.at,
  problemId: v.problemId,
});

export const recentOf = (v: KnockVisitDoc): RecentVisit => ({
  visitId: v._id,
  room: v.room,
  result: v.result,
  announcementTitle: v.announcementTitle,
  opinion: v.opinion,
  byName: v.byName,
  at: v.at,
  problemId: v.problemId,
});

/** What one building's doors read (besides the context): its residents, its households (each with its recent visits embedded), the categories, and who read the announcement. */
interface DoorReads {
  residents: ResidentRow[];
  households: Map<string, KnockHouseholdDoc>;
  categories: { categoryId: string; name: string }[];
  readers: Set<string>;
}

async function readDoors(ctx: BuildingContext, mayReport: boolean): Promise<DoorReads> {
  const { building, announcement } = ctx;
  const [residents, latest, categories] = await Promise.all([
    residentsOf([building._id]),
    latestByBuilding([building._id]),
    mayReport ? reportCategories(building.path[0] ?? '') : Promise.resolve([]),
  ]);
  const readers = announcement
    ? await readersAmong(
        announcement._id,
        residents.map((r) => r._id),
      )
    : new Set<string>();
  return { residents, households: latest.get(building._id) ?? new Map(), categories, readers };
}

/** One building's doors: households (resident rooms ∪ visited rooms) with their latest result, recent visits, and with an announcement who knows it. */
function buildingView(ctx: BuildingContext, reads: DoorReads): KnockBuildingView {
  const { principal, building, estate, announcement } = ctx;
  // Residents' (masked) names are for the building head and staff; a volunteer knocking by team area sees rooms only.
  const seesNames = authorize(principal, 'grid.knock', { orgPath: orgPathOf(building) }).allowed;
  const { residents, readers } = reads;
  const docs = reads.households;
  const households = householdsOf(
    residents.map((r) => roomOf(r.room)),
    resultsOf(docs),
  );
  const names = new Map<string, string[]>();
  const readRooms = new Set<string>();
  for (const r of residents) {
    const room = roomOf(r.room);
    if (seesNames) names.set(room, [...(names.get(room) ?? []), r.displayName || '居民']);
    if (readers.has(r._id)) readRooms.add(room);
  }
  const toldRooms = new Set<string>();
  if (announcement) for (const h of docs.values()) if (h.toldIds?.includes(announcement._id)) toldRooms.add(h.room);
  const visits = [...docs.values()]
    .flatMap((h) => h.recent ?? [])
    .sort((a, b) => b.at - a.at || b.visitId.localeCompare(a.visitId))
    .slice(0, VISITS_SHOWN);
  return {
    buildingId: building._id,
    buildingName: building.name,
    estateName: estate?.name ?? '',
    reach: doorReachOf(households),
    announcement: announcement
      ? {
          id: announcement._id,
          title: announcement.title,
          awareness: householdAwareness(
            residents.map((r) => r.room),
            readRooms,
            toldRooms,
            docs.keys(),
          ),
        }
      : null,
    households: households.map((h) => {
      const doc = docs.get(h.room);
      return {
        room: h.room,
        names: names.get(h.room) ?? [],
        latest: h.latest,
        latestLabel: h.latest ? KNOCK_RESULT_LABELS[h.latest] : '未走访',
        latestAt: doc?.latestAt ?? null,
        visits: doc?.visits ?? 0,
        readInApp: announcement ? readRooms.has(h.room) : null,
        toldAtDoor: announcement ? toldRooms.has(h.room) : null,
      };
    }),
    showsNames: seesNames,
    visits: visits.map(visitRow),
    categories: reads.categories,
  };
}

const mayReportAt = (principal: LoadedPrincipal, building: OrgUnit) =>
  authorize(principal, 'problem.report', { orgPath: orgPathOf(building) }).allowed;

export async function knockBuilding(actor: Actor, input: { buildingId: string; announcementId?: string }): Promise<KnockBuildingView> {
  const ctx = await readBuildingContext(actor, input.buildingId, input.announcementId);
  const [reads] = await Promise.all([
    readDoors(ctx, mayReportAt(ctx.principal, ctx.building)),
    assertMayKnock(ctx.principal, ctx.building),
  ]);
  return buildingView(ctx, reads);
}

export interface KnockInput {
  requestId: string;
  buildingId: string;
  room: string;
  result: KnockResult;
  announcementId?: string;
  opinion?: string;
}

/** The household after one more visit: the latest result follows the newest visit by time; the visit joins its recent ones; a door reach for an announcement is kept. */
function withVisit(household: KnockHouseholdDoc | undefined, visit: KnockVisitDoc, now: number): KnockHouseholdDoc {
  const newer = !household || visit.at >= household.latestAt;
  const recent = [recentOf(visit), ...(household?.recent ?? [])].sort((a, b) => b.at - a.at).slice(0, HOUSEHOLD_RECENT);
  const toldIds = [...(household?.toldIds ?? [])];
  if (visit.announcementId && visit.result === 'reached' && !toldIds.includes(visit.announcementId)) toldIds.push(visit.announcementId);
  return {
    _id: visit.householdId,
    buildingId: visit.buildingId,
    room: visit.room,
    latest: newer ? visit.result : (household as KnockHouseholdDoc).latest,
    latestAt: newer ? visit.at : (household as KnockHouseholdDoc).latestAt,
    latestVisitId: newer ? visit._id : (household as KnockHouseholdDoc).latestVisitId,
    visits: (household?.visits ?? 0) + 1,
    recent,
    toldIds,
    updatedAt: now,
  };
}

const counted = (household: KnockHouseholdDoc | undefined, visitId: string) =>
  !!household && (household.latestVisitId === visitId || !!household.recent?.some((v) => v.visitId === visitId));

/**
 * Writes the household with one more visit, in one request: created when new, else updated only
 * if nobody changed it since it was read (its visit count is its version); on a race it is read
 * again and the write retried. Answers the household as written.
 */
async function saveHousehold(
  first: KnockHouseholdDoc | undefined,
  visit: KnockVisitDoc,
  now: number,
): Promise<KnockHouseholdDoc | undefined> {
  const households = database().collection(KNOCK_HOUSEHOLDS);
  let seen = first;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (counted(seen, visit._id)) return seen; // a retry of a visit already counted
    const next = withVisit(seen, visit, now);
    if (!seen) {
      try {
        await households.add({ data: next });
        return next;
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    } else {
      const { _id, ...data } = next;
      const res = (await households.where({ _id, visits: seen.visits }).update({ data })) as { stats: { updated: number } };
      if (res.stats.updated === 1) return next;
    }
    seen = (await readById<KnockHouseholdDoc>(KNOCK_HOUSEHOLDS, visit.householdId)) ?? undefined;
  }
  throw new DomainError(ErrorCode.Conflict, '这户刚刚有人同时登记了走访，请稍后再试');
}

/**
 * Records one door-knock visit (idempotent on the request id: the visit's `_id` comes from it,
 * so a retry's insert fails and only a household the first attempt did not reach is written).
 * The visit is kept; the household's latest result follows the newest visit by time, so a late
 * retry never puts an older result back. The answer is built from what was read before the
 * writes and what was written, without reading it back.
 */
export async function knock(actor: Actor, input: KnockInput, now: number): Promise<KnockBuildingView> {
  const visitId = idForRequest('kv', 'grid.knock', actor.openid, input.requestId);
  const ctx = await readBuildingContext(actor, input.buildingId, input.announcementId);
  const { principal, building, announcement } = ctx;
  const [reads] = await Promise.all([readDoors(ctx, mayReportAt(principal, building)), assertMayKnock(principal, building)]);
  const room = roomOf(input.room);
  const householdId = householdIdOf(building._id, room);
  let visit: KnockVisitDoc = {
    _id: visitId,
    householdId,
    buildingId: building._id,
    room,
    estateId: building.parentId ?? '',
    communityId: building.path[1] ?? '',
    subdistrictId: building.path[0] ?? '',
    result: input.result,
    announcementId: announcement?._id ?? null,
    announcementTitle: announcement?.title ?? '',
    opinion: input.opinion ?? '',
    byOpenid: principal.openid,
    byName: nameOf(principal),
    byRoleLabel: roleLabelOf(principal),
    at: now,
    problemId: null,
  };
  try {
    await database().collection(KNOCK_VISITS).add({ data: visit });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    // A retry: unless the household read above already counts it, the household is written with
    // the visit as first recorded (its time, its result).
    if (!counted(reads.households.get(room), visitId)) visit = (await readById<KnockVisitDoc>(KNOCK_VISITS, visitId)) ?? visit;
  }
  const saved = await saveHousehold(reads.households.get(visit.room), visit, now);
  if (saved) reads.households.set(saved.room, saved);
  return buildingView(ctx, reads);
}

export interface OpinionInput {
  visitId: string;
  announcementId?: string;
  categoryId: string;
  description?: string;
  photos: string[];
}

/**
 * An opinion collected at the door becomes a 问题上报 at that building and room: the problem
 * function's own `report` (cloud.callFunction keeps the caller, so its rules, scope and photo
 * ownership checks are the reporter's), with a request id derived from the visit, so a second
 * tap answers the same problem. The visit keeps the problem's id.
 */
export async function opinionToProblem(actor: Actor, input: OpinionInput): Promise<OpinionReportAnswer> {
  const visit = await readById<KnockVisitDoc>(KNOCK_VISITS, input.visitId);
  if (!visit) throw new DomainError(ErrorCode.NotFound, '找不到这次走访记录');
  const ctx = await readBuildingContext(actor, visit.buildingId, input.announcementId);
  const { principal, building } = ctx;
  const [reads] = await Promise.all([readDoors(ctx, mayReportAt(principal, building)), assertMayKnock(principal, building)]);
  const answerWith = async (problemId: string): Promise<OpinionReportAnswer> => {
    // The household keeps its recent visits embedded: mark this one there too (if nobody wrote the household meanwhile).
    const household = reads.households.get(visit.room);
    if (household?.recent?.some((v) => v.visitId === visit._id && v.problemId !== problemId)) {
      const recent = household.recent.map((v) => (v.visitId === visit._id ? { ...v, problemId } : v));
      await database().collection(KNOCK_HOUSEHOLDS).where({ _id: household._id, visits: household.visits }).update({ data: { recent } });
      reads.households.set(household.room, { ...household, recent });
    }
    return { problemId, building: buildingView(ctx, reads) };
  };
  if (visit.problemId) return answerWith(visit.problemId);
  const description = input.description ?? visit.opinion;
  if (!description) throw new DomainError(ErrorCode.InputInvalid, '这次走访没有收集到意见，请填写问题描述');

  const res = (await wxCloud().callFunction({
    name: 'problem',
    data: {
      action: 'report',
      requestId: `knock-${visit._id}`,
      categoryId: input.categoryId,
      description,
      photos: input.photos,
      placeId: building._id,
      placeText: `${visit.room}（敲门收集）`.slice(0, 50),
      confirmNew: true,
    },
  })) as { result?: CloudResult<ReportAnswer> };
  const answer = res.result;
  if (!answer) throw new DomainError(ErrorCode.Internal, '问题上报暂时不可用，请稍后重试');
  if (!answer.ok) throw new DomainError(answer.code as ErrorCode, answer.message);
  if (!answer.data.filed) throw new DomainError(ErrorCode.Conflict, '附近已有同类问题，请到随手拍附议');
  const problemId = answer.data.problemId;
  await database().collection(KNOCK_VISITS).where({ _id: visit._id, problemId: null }).update({ data: { problemId } });
  return answerWith(problemId);
}
