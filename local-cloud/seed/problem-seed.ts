/**
 * Demo grid problems (网格问题闭环): the 街道's categories, its handling units (two property
 * companies, three departments), one staff account per property company and the 城管中队, and a
 * few problems in several states with their timelines. Pure and deterministic (no PRNG: the rest of
 * the demo seed stays as it was).
 */
import type { RoleGrant, UserProfile } from '../../src/domain/identity/role';
import type { OrgUnit } from '../../src/domain/org/org.types';
import { DEFAULT_PROBLEM_CATEGORIES } from '../../src/domain/problem/problem.categories';
import {
  assignmentIdOf,
  DAY_MS,
  deadlineAfter,
  escalateAfter,
  FOLLOW_UP_DAYS_DEFAULT,
  freshProblemProgress,
  problemEventIdOf,
  problemNoOf,
  problemSortKeyOf,
} from '../../src/domain/problem/problem.rules';
import type { ProblemState } from '../../src/domain/problem/problem.states';
import type {
  HandlingUnit,
  ProblemAssignmentDoc,
  ProblemCategory,
  ProblemDoc,
  ProblemEventDoc,
} from '../../src/domain/problem/problem.types';

export interface ProblemSeed {
  problem_categories: ProblemCategory[];
  handling_units: HandlingUnit[];
  problems: ProblemDoc[];
  problem_events: ProblemEventDoc[];
  problem_assignments: ProblemAssignmentDoc[];
  problem_seconds: never[];
  /** Staff accounts of the units (added to `users`). */
  unitStaff: UserProfile[];
}

export const PROPERTY_UNIT_C1 = 'unit-property-01';
export const PROPERTY_UNIT_C2 = 'unit-property-02';
export const CITY_OPS_UNIT = 'unit-cityops-01';
/** 天府物业 staff (天府花园, 锦城丽苑 of 和平社区) and the 城管中队's. */
export const UNIT_STAFF_PROPERTY_C1 = 'o-unit-01';
export const UNIT_STAFF_PROPERTY_C2 = 'o-unit-02';
export const UNIT_STAFF_CITY_OPS = 'o-unit-03';

const HOUR_MS = 3600 * 1000;

export function buildProblemSeed(
  subdistrictId: string,
  units: readonly OrgUnit[],
  users: readonly UserProfile[],
  seedNow: number,
): ProblemSeed {
  const byId = new Map(units.map((u) => [u._id, u]));
  const estates = units.filter((u) => u.kind === 'estate');
  const communityEstates = (communityId: string) => estates.filter((e) => e.parentId === communityId).map((e) => e._id);
  const stamp = { createdAt: seedNow - 200 * DAY_MS, updatedAt: seedNow - 200 * DAY_MS };

  const categories: ProblemCategory[] = DEFAULT_PROBLEM_CATEGORIES.map((c, i) => ({
    _id: `pc-${c.key}`,
    subdistrictId,
    name: c.name,
    order: i + 1,
    handlerKind: c.handlerKind,
    deadlineDays: c.deadlineDays,
    followUpDays: FOLLOW_UP_DAYS_DEFAULT,
    active: true,
    ...stamp,
  }));

  const c1 = 'org-community-01';
  const c2 = 'org-community-02';
  const handlingUnits: HandlingUnit[] = [
    {
      _id: PROPERTY_UNIT_C1,
      name: '天府物业服务有限公司',
      kind: 'property',
      subdistrictId,
      orgPath: [subdistrictId, c1],
      estateIds: communityEstates(c1).slice(0, 2),
      order: 1,
      active: true,
      ...stamp,
    },
    {
      _id: PROPERTY_UNIT_C2,
      name: '紫荆物业管理有限公司',
      kind: 'property',
      subdistrictId,
      orgPath: [subdistrictId, c2],
      estateIds: communityEstates(c2),
      order: 2,
      active: true,
      ...stamp,
    },
    {
      _id: CITY_OPS_UNIT,
      name: '桂溪街道城管中队',
      kind: 'department',
      subdistrictId,
      orgPath: [subdistrictId],
      estateIds: [],
      order: 3,
      active: true,
      ...stamp,
    },
    {
      _id: 'unit-enforce-01',
      name: '桂溪街道综合行政执法中队',
      kind: 'department',
      subdistrictId,
      orgPath: [subdistrictId],
      estateIds: [],
      order: 4,
      active: true,
      ...stamp,
    },
    {
      _id: 'unit-power-01',
      name: '高新供电服务中心',
      kind: 'department',
      subdistrictId,
      orgPath: [subdistrictId],
      estateIds: [],
      order: 5,
      active: true,
      ...stamp,
    },
  ];

  const staff = (openid: string, displayName: string, unitId: string, phoneMasked: string): UserProfile => {
    const grant: RoleGrant = { role: 'unit_staff', scopeId: unitId };
    return {
      _id: openid,
      nickname: displayName,
      displayName,
      roles: [grant],
      phoneMasked,
      createdAt: stamp.createdAt,
      updatedAt: stamp.createdAt,
    };
  };
  const unitStaff = [
    staff(UNIT_STAFF_PROPERTY_C1, '何*', PROPERTY_UNIT_C1, '139****2201'),
    staff(UNIT_STAFF_PROPERTY_C2, '罗*', PROPERTY_UNIT_C2, '139****2202'),
    staff(UNIT_STAFF_CITY_OPS, '邓*', CITY_OPS_UNIT, '139****2203'),
  ];

  // The reporters: confirmed residents and building heads of 天府花园 (the first estate of 和平社区).
  const estateId = communityEstates(c1)[0] as string;
  const inEstate = (u: UserProfile) => u.buildingId !== undefined && byId.get(u.buildingId)?.parentId === estateId;
  const residents = users.filter((u) => u._id.startsWith('o-resident-') && u.binding === 'confirmed' && inEstate(u));
  const heads = users.filter((u) => u._id.startsWith('o-head-') && inEstate(u));

  const problems: ProblemDoc[] = [];
  const events: ProblemEventDoc[] = [];
  const assignments: ProblemAssignmentDoc[] = [];
  const category = new Map(categories.map((c) => [c._id, c]));
  const unitName = new Map(handlingUnits.map((u) => [u._id, u.name]));

  type Step = [event: ProblemEventDoc['event'], to: ProblemState, actor: string, note?: string];
  const add = (
    n: number,
    spec: {
      reporter: UserProfile;
      categoryId: string;
      description: string;
      placeText: string;
      daysAgo: number;
      steps: Step[];
      unitIds?: string[];
    },
  ) => {
    const id = `pb-demo-${String(n).padStart(4, '0')}`;
    const building = byId.get(spec.reporter.buildingId ?? '') as OrgUnit;
    const estate = byId.get(building.parentId ?? '') as OrgUnit;
    const cat = category.get(spec.categoryId) as ProblemCategory;
    const createdAt = seedNow - spec.daysAgo * DAY_MS;
    const head = spec.reporter._id.startsWith('o-head-');
    let state: ProblemState = 'reported';
    let at = createdAt;
    const unitIds = spec.unitIds ?? [];
    const doc: ProblemDoc = {
      _id: id,
      no: problemNoOf(createdAt, id),
      categoryId: cat._id,
      categoryName: cat.name,
      description: spec.description,
      // Demo problems carry no photos: the local storage holds none for them.
      photos: [],
      subdistrictId,
      communityId: building.path[1] as string,
      estateId: estate._id,
      estateName: estate.name,
      buildingId: building._id,
      buildingName: building.name,
      placeText: spec.placeText,
      orgPath: [...building.path, building._id],
      reporterOpenid: spec.reporter._id,
      reporterKind: head ? 'building_head' : 'resident',
      reporterName: spec.reporter.displayName,
      state,
      version: 1,
      sortKey: problemSortKeyOf(createdAt, id),
      deadlineDays: cat.deadlineDays,
      followUpDays: cat.followUpDays,
      ...freshProblemProgress(),
      createdAt,
      updatedAt: createdAt,
    };
    const event = (seq: number, name: ProblemEventDoc['event'], from: ProblemState | null, to: ProblemState, actor: string, note: string) =>
      events.push({
        _id: problemEventIdOf(id, seq),
        problemId: id,
        seq,
        event: name,
        from,
        to,
        byOpenid: actor,
        byParty: name === 'report' ? 'reporter' : name === 'fix' ? 'unit' : 'staff',
        actorLabel:
          name === 'report' ? (head ? '楼栋长' : '居民') : name === 'fix' ? (unitName.get(unitIds[0] ?? '') ?? '处置单位') : '社区实践站',
        note,
        photos: [],
        unitNames: name === 'dispatch' ? unitIds.map((u) => unitName.get(u) ?? '') : [],
        at,
      });
    event(1, 'report', null, 'reported', spec.reporter._id, '');
    for (const [name, to, actor, note] of spec.steps) {
      at += 3 * HOUR_MS;
      event(doc.version + 1, name, state, to, actor, note ?? '');
      doc.version += 1;
      if (name === 'dispatch') {
        doc.unitIds = unitIds;
        doc.unitNames = unitIds.map((u) => unitName.get(u) ?? '');
        doc.assignedUnitIds = unitIds;
        doc.dispatchedAt = at;
        doc.deadlineAt = deadlineAfter(at, cat.deadlineDays);
        doc.escalateAt = escalateAfter(doc.deadlineAt, cat.deadlineDays);
      }
      if (name === 'fix') {
        doc.fixPhotos = [];
        doc.fixNote = note ?? '';
        doc.fixedAt = at;
      }
      if (name === 'verify_pass') {
        doc.closedAt = at;
        doc.followUpAt = at + cat.followUpDays * DAY_MS;
      }
      state = to;
    }
    doc.state = state;
    doc.updatedAt = at;
    problems.push(doc);
    for (const unitId of doc.assignedUnitIds) {
      assignments.push({
        _id: assignmentIdOf(id, unitId),
        problemId: id,
        unitId,
        active: true,
        state,
        sortKey: doc.sortKey,
        createdAt: doc.dispatchedAt ?? at,
        updatedAt: at,
      });
    }
  };

  const [r1, r2, r3] = residents;
  const [h1, h2] = heads;
  if (!r1 || !r2 || !r3 || !h1 || !h2) throw new Error('problem seed: not enough people in the first estate');
  const staffC1 = 'o-station-01';
  add(1, {
    reporter: r1,
    categoryId: 'pc-clutter',
    description: '楼道里堆了旧沙发和纸箱，挡住消防通道',
    placeText: '2单元一楼楼道',
    daysAgo: 1,
    steps: [],
  });
  add(2, {
    reporter: r2,
    categoryId: 'pc-ads',
    description: '单元门和电梯里贴满了小广告',
    placeText: '1单元电梯间',
    daysAgo: 2,
    steps: [['register', 'registered', staffC1]],
  });
  add(3, {
    reporter: h1,
    categoryId: 'pc-garbage',
    description: '垃圾桶满了没人清运，周围有散落垃圾',
    placeText: '东门垃圾投放点',
    daysAgo: 3,
    unitIds: [PROPERTY_UNIT_C1],
    steps: [
      ['register', 'registered', staffC1],
      ['dispatch', 'dispatched', staffC1],
    ],
  });
  add(4, {
    reporter: r3,
    categoryId: 'pc-charging',
    description: '有人从三楼窗户拉电线给电动车充电',
    placeText: '3单元楼下',
    daysAgo: 4,
    unitIds: [PROPERTY_UNIT_C1],
    steps: [
      ['register', 'registered', staffC1],
      ['dispatch', 'dispatched', staffC1],
      ['fix', 'fixed', UNIT_STAFF_PROPERTY_C1, '已拆除飞线，并张贴安全充电提示'],
    ],
  });
  add(5, {
    reporter: h2,
    categoryId: 'pc-facility',
    description: '小区主干道井盖松动，车辆经过有响声',
    placeText: '北门主干道',
    daysAgo: 12,
    unitIds: [CITY_OPS_UNIT],
    steps: [
      ['register', 'registered', staffC1],
      ['dispatch', 'dispatched', staffC1],
      ['fix', 'fixed', UNIT_STAFF_CITY_OPS, '已更换井盖并加固'],
      ['verify_pass', 'closed', staffC1],
    ],
  });
  add(6, {
    reporter: r1,
    categoryId: 'pc-dog',
    description: '有人遛狗不牵绳，还不清理粪便',
    placeText: '中心花园',
    daysAgo: 5,
    steps: [['dismiss', 'dismissed', staffC1, '经核实为偶发情况，已由楼栋长提醒，不予立案']],
  });
  for (const p of problems) if (p.state === 'dismissed') p.dismissNote = '经核实为偶发情况，已由楼栋长提醒，不予立案';

  return {
    problem_categories: categories,
    handling_units: handlingUnits,
    problems,
    problem_events: events,
    problem_assignments: assignments,
    problem_seconds: [],
    unitStaff,
  };
}
