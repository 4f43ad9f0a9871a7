import { authorize } from '../../src/domain/identity/authorize';
import type { Role } from '../../src/domain/identity/role';
import type { OrgUnit } from '../../src/domain/org/org.types';
import {
  DAY_MS,
  DUPLICATE_WINDOW_DAYS,
  dayStartSortKey,
  duplicatesOf,
  FOLLOW_UP_DAYS_DEFAULT,
  freshProblemProgress,
  problemEventIdOf,
  problemNoOf,
  problemSortKeyOf,
  REPORTS_PER_DAY,
} from '../../src/domain/problem/problem.rules';
import { problemRuleOf } from '../../src/domain/problem/problem.state-machine';
import { PROBLEM_OPEN_STATES, PROBLEM_STATE_LABELS } from '../../src/domain/problem/problem.states';
import type { ProblemDoc, ProblemEventDoc, ReporterKind } from '../../src/domain/problem/problem.types';
import type { ReportAnswer, ReportSetup } from '../../src/domain/problem/problem.views';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { type LoadedPrincipal, requirePermission } from '../kit/principal';
import { readById, readList } from '../kit/read-list';
import { idForRequest } from '../kit/request-id';
import { assertOwnUploads, UPLOAD_FOLDERS } from '../kit/uploads';
import { database } from '../kit/wx-cloud';
import { findOrgUnits, getOrgUnit, orgPathOf } from '../org/org-units';
import { writeProblemStep } from './problem-step';
import { categoriesOf, findCategory, inProblemTransaction, PROBLEM_EVENTS, PROBLEMS } from './problem-store';
import { toSummary } from './problem-views';
import { estatesOfAreas, inAreas, teamAreasOf } from './volunteer-places';

export interface ReportInput {
  requestId: string;
  categoryId: string;
  description: string;
  photos: string[];
  placeId?: string;
  placeText?: string;
  confirmNew?: boolean;
  selfFix?: { photos: string[]; note?: string };
}

const deadlineLabel = (days: number) => (days <= 0 ? '当天处置' : `${days} 个工作日内处置`);

/** The building the caller reports from by default: the one they live in (bound) or head. */
function ownBuildingId(principal: LoadedPrincipal): string | null {
  const head = principal.grants.find((g) => g.role === 'building_head');
  const resident = principal.grants.find((g) => g.role === 'resident');
  return resident?.scopeId ?? head?.scopeId ?? null;
}

/** The 随手拍 form in one call. */
export async function reportSetup(principal: LoadedPrincipal): Promise<ReportSetup> {
  const buildingId = ownBuildingId(principal);
  if (!buildingId) {
    // A volunteer without a building of their own reports in their teams' service areas.
    const estates = await estatesOfAreas(await teamAreasOf(principal));
    if (estates.length > 0) {
      const categories = await categoriesOf(estates[0]?.path[0] ?? '');
      return {
        categories: categories.map((c) => ({ categoryId: c._id, name: c.name, deadlineLabel: deadlineLabel(c.deadlineDays) })),
        place: null,
        places: estates.map((e) => ({ placeId: e._id, label: e.name })),
        canSelfFix: false,
        blocked: null,
      };
    }
    const pending = principal.user?.roles.some((g) => g.role === 'resident') && principal.user?.binding !== 'confirmed';
    return {
      categories: [],
      place: null,
      places: [],
      canSelfFix: false,
      blocked: pending ? '楼栋绑定还在等待确认，确认后就能随手拍' : '请先绑定所住楼栋，再来随手拍',
    };
  }
  const [building] = await findOrgUnits([buildingId]);
  if (!building) return { categories: [], place: null, places: [], canSelfFix: false, blocked: '找不到您的楼栋，请联系社区' };
  const [estate] = await findOrgUnits([building.parentId ?? '']);
  const categories = await categoriesOf(building.path[0] ?? '');
  return {
    categories: categories.map((c) => ({ categoryId: c._id, name: c.name, deadlineLabel: deadlineLabel(c.deadlineDays) })),
    place: { buildingId: building._id, buildingName: building.name, estateName: estate?.name ?? '' },
    places: [],
    canSelfFix: authorize(principal, 'problem.selfFix', { orgPath: orgPathOf(building) }).allowed,
    blocked: null,
  };
}

/** The building or 小区 reported, with its 小区. */
async function placeOf(principal: LoadedPrincipal, placeId: string | undefined): Promise<{ place: OrgUnit; estate: OrgUnit }> {
  const id = placeId ?? ownBuildingId(principal);
  if (!id) {
    if (principal.user?.roles.some((g) => g.role === 'resident')) {
      throw new DomainError(ErrorCode.BindingRequired, '楼栋绑定确认后才能随手拍');
    }
    if (principal.grants.some((g) => g.role === 'volunteer' || g.role === 'team_leader')) {
      throw new DomainError(ErrorCode.BindingRequired, '请选择问题所在的小区');
    }
    throw new DomainError(ErrorCode.BindingRequired, '请先绑定所住楼栋，再来随手拍');
  }
  const place = await getOrgUnit(id);
  if (place.kind === 'estate') return { place, estate: place };
  if (place.kind !== 'building') throw new DomainError(ErrorCode.InputInvalid, '位置须为楼栋或小区');
  const estate = await getOrgUnit(place.parentId, 'estate');
  return { place, estate };
}

const REPORTER_KIND: readonly [Role, ReporterKind][] = [
  ['station_staff', 'staff'],
  ['institute_staff', 'staff'],
  ['admin', 'staff'],
  ['building_head', 'building_head'],
  ['resident', 'resident'],
  ['team_leader', 'volunteer'],
  ['volunteer', 'volunteer'],
];

const REPORTER_LABELS: Readonly<Record<ReporterKind, string>> = {
  staff: '社区实践站',
  building_head: '楼栋长',
  resident: '居民',
  volunteer: '志愿者',
};

/**
 * 随手拍 / 巡查发现 (and 自查自处 with `selfFix`). Idempotent on the request id: a retried submit
 * answers what the first made. Open problems of the same category and place are answered instead
 * of filing, unless the reporter confirms it is a new one.
 */
export async function report(principal: LoadedPrincipal, input: ReportInput, now: number): Promise<ReportAnswer> {
  const problemId = idForRequest('pb', 'problem.report', principal.openid, input.requestId);
  const earlier = await readById<ProblemDoc>(PROBLEMS, problemId);
  if (earlier) return filedAnswer(earlier);

  const { place, estate } = await placeOf(principal, input.placeId);
  const orgPath = orgPathOf(place);
  // Residents, building heads and staff by the policy; volunteers in their teams' service areas.
  if (!authorize(principal, 'problem.report', { orgPath }).allowed) {
    const areas = await teamAreasOf(principal);
    if (areas.length > 0 && !inAreas(orgPath, areas)) throw new DomainError(ErrorCode.OutOfScope, '这个地点不在您队伍的服务范围内');
    if (areas.length === 0) requirePermission(principal, 'problem.report', { orgPath });
  }
  if (input.selfFix) requirePermission(principal, 'problem.selfFix', { orgPath });
  const own = { folder: UPLOAD_FOLDERS.problemPhoto, openid: principal.openid };
  await assertOwnUploads(input.photos, { ...own, what: '现场照片' });
  if (input.selfFix) await assertOwnUploads(input.selfFix.photos, { ...own, what: '处置后的照片' });
  const category = await findCategory(input.categoryId);
  if (category.subdistrictId !== orgPath[0]) throw new DomainError(ErrorCode.NotFound, '这个问题类别不属于本街道，请重选');

  const _ = database().command;
  const today = await database()
    .collection(PROBLEMS)
    .where({ reporterOpenid: principal.openid, sortKey: _.gte(dayStartSortKey(now)) })
    .count();
  if ((today as { total: number }).total >= REPORTS_PER_DAY) {
    throw new DomainError(ErrorCode.Conflict, `今天已上报 ${REPORTS_PER_DAY} 个问题，明天再报吧`);
  }

  const buildingId = place.kind === 'building' ? place._id : null;
  if (!input.confirmNew && !input.selfFix) {
    const candidates = await readList<ProblemDoc>(
      database()
        .collection(PROBLEMS)
        .where({
          estateId: estate._id,
          categoryId: category._id,
          state: _.in([...PROBLEM_OPEN_STATES]),
          createdAt: _.gte(now - DUPLICATE_WINDOW_DAYS * DAY_MS),
        })
        .orderBy('createdAt', 'desc')
        .limit(50),
    );
    const duplicates = duplicatesOf(candidates, { categoryId: category._id, estateId: estate._id, buildingId }, now);
    if (duplicates.length > 0) return { filed: false, duplicates: duplicates.slice(0, 5).map((p) => toSummary(p, now)) };
  }

  const reporterKind = REPORTER_KIND.find(([role]) => principal.grants.some((g) => g.role === role))?.[1] ?? 'resident';
  const problem: ProblemDoc = {
    _id: problemId,
    no: problemNoOf(now, problemId),
    categoryId: category._id,
    categoryName: category.name,
    description: input.description,
    photos: input.photos,
    subdistrictId: orgPath[0] as string,
    communityId: orgPath[1] as string,
    estateId: estate._id,
    estateName: estate.name,
    buildingId,
    buildingName: buildingId ? place.name : '',
    placeText: input.placeText ?? '',
    orgPath,
    reporterOpenid: principal.openid,
    reporterKind,
    reporterName: principal.user?.displayName ?? '微信用户',
    state: 'reported',
    version: 1,
    sortKey: problemSortKeyOf(now, problemId),
    deadlineDays: category.deadlineDays,
    followUpDays: category.followUpDays || FOLLOW_UP_DAYS_DEFAULT,
    ...freshProblemProgress(),
    createdAt: now,
    updatedAt: now,
  };
  const filed: ProblemEventDoc = {
    _id: problemEventIdOf(problemId, 1),
    problemId,
    seq: 1,
    event: 'report',
    from: null,
    to: 'reported',
    byOpenid: principal.openid,
    byParty: 'reporter',
    actorLabel: REPORTER_LABELS[reporterKind],
    note: '',
    photos: input.photos,
    unitNames: [],
    at: now,
  };
  try {
    const stored = await inProblemTransaction(async (t) => {
      await t.collection(PROBLEMS).add({ data: problem });
      await t.collection(PROBLEM_EVENTS).add({ data: filed });
      if (!input.selfFix) return problem;
      const rule = problemRuleOf('self_fix', 'reported');
      if (!rule) throw new DomainError(ErrorCode.Internal, '自查自处不可用');
      return writeProblemStep(
        t,
        problem,
        rule,
        'closed',
        { openid: principal.openid, party: 'grid', label: '楼栋长' },
        { note: input.selfFix.note?.trim() ?? '', photos: input.selfFix.photos, units: [] },
        now,
      );
    });
    return filedAnswer(stored);
  } catch (err) {
    // A concurrent twin of this very request filed it first.
    const twin = await readById<ProblemDoc>(PROBLEMS, problemId);
    if (twin) return filedAnswer(twin);
    throw err;
  }
}

function filedAnswer(p: ProblemDoc): ReportAnswer {
  return { filed: true, problemId: p._id, state: p.state, stateLabel: PROBLEM_STATE_LABELS[p.state], selfFixed: p.selfFixed };
}
