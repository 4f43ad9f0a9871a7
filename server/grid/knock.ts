import { KNOCK_HOUSEHOLDS, KNOCK_VISITS } from '../../database/collections';
import {
  doorReachOf,
  householdAwareness,
  householdIdOf,
  householdsOf,
  KNOCK_RESULT_LABELS,
  type KnockResult,
  roomOf,
} from '../../src/domain/grid/grid.rules';
import type { KnockHouseholdDoc, KnockVisitDoc } from '../../src/domain/grid/grid.types';
import type { KnockBuildingView, KnockHomeView, OpinionReportAnswer, VisitRow } from '../../src/domain/grid/grid.views';
import { authorize } from '../../src/domain/identity/authorize';
import type { OrgUnit } from '../../src/domain/org/org.types';
import type { ReportAnswer } from '../../src/domain/problem/problem.views';
import type { CloudResult } from '../../src/domain/shared/cloud-result';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { getAnnouncement } from '../announce/announce-store';
import { readersAmong } from '../announce/audience';
import type { LoadedPrincipal } from '../kit/principal';
import { readById, readList } from '../kit/read-list';
import { idForRequest } from '../kit/request-id';
import { inTransaction, txGet } from '../kit/tx';
import { database, wxCloud } from '../kit/wx-cloud';
import { findOrgUnits, getOrgUnit, orgPathOf } from '../org/org-units';
import { categoriesOf } from '../problem/problem-store';
import { assertMayKnock, nameOf, roleLabelOf, scopeBuildings } from './grid-scope';
import { doorRoomsOf, latestByBuilding, residentRoomsByBuilding, residentsOf, resultsOf } from './reach';

const VISITS_SHOWN = 30;

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

async function announcementFor(announcementId: string, building: OrgUnit) {
  const a = await getAnnouncement(announcementId);
  if ((a.state !== 'published' && a.state !== 'publishing') || !a.buildingIds.includes(building._id)) {
    throw new DomainError(ErrorCode.NotFound, '这条公告没有推送到这个楼栋');
  }
  return a;
}

const visitRow = (v: KnockVisitDoc): VisitRow => ({
  visitId: v._id,
  room: v.room,
  result: v.result,
  resultLabel: KNOCK_RESULT_LABELS[v.result],
  announcementTitle: v.announcementTitle,
  opinion: v.opinion,
  byName: v.byName,
  at: v.at,
  problemId: v.problemId,
});

/** One building's doors in one call: households (resident rooms ∪ visited rooms) with their latest result, recent visits, and with an announcement who knows it. */
async function buildingView(principal: LoadedPrincipal, building: OrgUnit, announcementId: string | undefined): Promise<KnockBuildingView> {
  const orgPath = orgPathOf(building);
  const mayReport = authorize(principal, 'problem.report', { orgPath }).allowed;
  // Residents' (masked) names are for the building head and staff; a volunteer knocking by team area sees rooms only.
  const seesNames = authorize(principal, 'grid.knock', { orgPath }).allowed;
  const [announcement, [estate], residents, latest, visits, categories] = await Promise.all([
    announcementId ? announcementFor(announcementId, building) : Promise.resolve(null),
    findOrgUnits([building.parentId ?? '']),
    residentsOf([building._id]),
    latestByBuilding([building._id]),
    readList<KnockVisitDoc>(
      database().collection(KNOCK_VISITS).where({ buildingId: building._id }).orderBy('at', 'desc').limit(VISITS_SHOWN),
    ),
    mayReport ? categoriesOf(orgPath[0] ?? '') : Promise.resolve([]),
  ]);
  const [readers, door] = announcement
    ? await Promise.all([
        readersAmong(
          announcement._id,
          residents.map((r) => r._id),
        ),
        doorRoomsOf(announcement._id, [building._id]),
      ])
    : [new Set<string>(), new Map<string, Set<string>>()];
  const docs = latest.get(building._id);
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
  const toldRooms = door.get(building._id) ?? new Set<string>();
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
            docs?.keys() ?? [],
          ),
        }
      : null,
    households: households.map((h) => {
      const doc = docs?.get(h.room);
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
    categories: categories.map((c) => ({ categoryId: c._id, name: c.name })),
  };
}

export async function knockBuilding(
  principal: LoadedPrincipal,
  input: { buildingId: string; announcementId?: string },
): Promise<KnockBuildingView> {
  const building = await getOrgUnit(input.buildingId, 'building');
  await assertMayKnock(principal, building);
  return buildingView(principal, building, input.announcementId);
}

export interface KnockInput {
  requestId: string;
  buildingId: string;
  room: string;
  result: KnockResult;
  announcementId?: string;
  opinion?: string;
}

/**
 * Records one door-knock visit (idempotent on the request id: a retry answers the building as
 * the first attempt left it). The visit is kept; the household's latest result follows the
 * newest visit by time, so a late retry never puts an older result back.
 */
export async function knock(principal: LoadedPrincipal, input: KnockInput, now: number): Promise<KnockBuildingView> {
  const visitId = idForRequest('kv', 'grid.knock', principal.openid, input.requestId);
  const building = await getOrgUnit(input.buildingId, 'building');
  await assertMayKnock(principal, building);
  const earlier = await readById<KnockVisitDoc>(KNOCK_VISITS, visitId);
  if (earlier) return buildingView(principal, building, input.announcementId);
  const announcement = input.announcementId ? await announcementFor(input.announcementId, building) : null;
  const room = roomOf(input.room);
  const householdId = householdIdOf(building._id, room);
  const visit: KnockVisitDoc = {
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
    await inTransaction(async (t) => {
      const household = await txGet<KnockHouseholdDoc>(t, KNOCK_HOUSEHOLDS, householdId);
      await t.collection(KNOCK_VISITS).add({ data: visit });
      const newer = !household || now >= household.latestAt;
      const next: KnockHouseholdDoc = {
        _id: householdId,
        buildingId: building._id,
        room,
        latest: newer ? input.result : (household as KnockHouseholdDoc).latest,
        latestAt: newer ? now : (household as KnockHouseholdDoc).latestAt,
        latestVisitId: newer ? visitId : (household as KnockHouseholdDoc).latestVisitId,
        visits: (household?.visits ?? 0) + 1,
        updatedAt: now,
      };
      if (household) {
        const { _id, ...data } = next;
        await t.collection(KNOCK_HOUSEHOLDS).doc(householdId).update({ data });
      } else {
        await t.collection(KNOCK_HOUSEHOLDS).add({ data: next });
      }
    });
  } catch (err) {
    // A concurrent twin of this very request recorded it first.
    if (!(await readById<KnockVisitDoc>(KNOCK_VISITS, visitId))) throw err;
  }
  return buildingView(principal, building, input.announcementId);
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
export async function opinionToProblem(principal: LoadedPrincipal, input: OpinionInput): Promise<OpinionReportAnswer> {
  const visit = await readById<KnockVisitDoc>(KNOCK_VISITS, input.visitId);
  if (!visit) throw new DomainError(ErrorCode.NotFound, '找不到这次走访记录');
  const building = await getOrgUnit(visit.buildingId, 'building');
  await assertMayKnock(principal, building);
  if (visit.problemId) return { problemId: visit.problemId, building: await buildingView(principal, building, input.announcementId) };
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
  return { problemId, building: await buildingView(principal, building, input.announcementId) };
}
