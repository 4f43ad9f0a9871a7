import { guardRefusal, isProblemOverdue } from '../../src/domain/problem/problem.rules';
import { availableProblemEvents, PROBLEM_TRANSITIONS } from '../../src/domain/problem/problem.state-machine';
import { PROBLEM_STATE_LABELS } from '../../src/domain/problem/problem.states';
import {
  EXTENSION_STATE_LABELS,
  HANDLING_UNIT_KIND_LABELS,
  type HandlingUnit,
  PROBLEM_RATING_LABELS,
  type ProblemCategory,
  type ProblemDoc,
  type ProblemEventDoc,
} from '../../src/domain/problem/problem.types';
import type {
  ProblemButton,
  ProblemDetail,
  ProblemSummary,
  ProblemTimelineEntry,
  ProblemView,
  UnitOption,
} from '../../src/domain/problem/problem.views';
import type { ProblemRelation } from './problem-relation';

export function placeLabelOf(p: Pick<ProblemDoc, 'estateName' | 'buildingName' | 'placeText'>): string {
  const where = [p.estateName, p.buildingName].filter(Boolean).join(' ');
  return p.placeText ? `${where} · ${p.placeText}` : where;
}

export function toSummary(p: ProblemDoc, now: number): ProblemSummary {
  return {
    problemId: p._id,
    no: p.no,
    categoryId: p.categoryId,
    categoryName: p.categoryName,
    description: p.description,
    state: p.state,
    stateLabel: PROBLEM_STATE_LABELS[p.state],
    placeLabel: placeLabelOf(p),
    estateId: p.estateId,
    unitNames: p.unitNames,
    deadlineAt: p.deadlineAt,
    overdueLevel: p.overdueLevel,
    overdue: isProblemOverdue(p, now),
    reworkCount: p.reworkCount,
    relapseCount: p.relapseCount,
    secondCount: p.secondCount,
    selfFixed: p.selfFixed,
    cover: p.photos[0] ?? null,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    version: p.version,
  };
}

export function toView(p: ProblemDoc, rel: Pick<ProblemRelation, 'seesReporter'>, now: number): ProblemView {
  return {
    ...toSummary(p, now),
    photos: p.photos,
    placeText: p.placeText,
    buildingName: p.buildingName,
    estateName: p.estateName,
    reporterName: rel.seesReporter ? p.reporterName : '',
    reporterKind: p.reporterKind,
    deadlineDays: p.deadlineDays,
    dispatchedAt: p.dispatchedAt,
    fixPhotos: p.fixPhotos,
    fixNote: p.fixNote,
    fixedAt: p.fixedAt,
    closedAt: p.closedAt,
    followUpAt: p.followUpAt,
    dismissNote: p.dismissNote,
    extension: p.extension
      ? {
          state: p.extension.state,
          stateLabel: EXTENSION_STATE_LABELS[p.extension.state],
          reason: p.extension.reason,
          requestedDeadlineAt: p.extension.requestedDeadlineAt,
          requestedAt: p.extension.requestedAt,
          decisionNote: p.extension.decisionNote,
        }
      : null,
    rating: p.rating
      ? { score: p.rating.score, label: PROBLEM_RATING_LABELS[p.rating.score], comment: p.rating.comment, at: p.rating.at }
      : null,
  };
}

const EVENT_LABELS = new Map<string, string>([['report', '上报'], ...PROBLEM_TRANSITIONS.map((r) => [r.event, r.label] as const)]);

export function toTimeline(events: readonly ProblemEventDoc[]): ProblemTimelineEntry[] {
  return events.map((e) => ({
    seq: e.seq,
    event: e.event,
    label: EVENT_LABELS.get(e.event) ?? e.event,
    to: e.to,
    stateLabel: PROBLEM_STATE_LABELS[e.to],
    actorLabel: e.actorLabel,
    note: e.note,
    photos: e.photos,
    unitNames: e.unitNames,
    at: e.at,
  }));
}

/** The buttons for the caller now: the table's whose guards hold (回头看 once due, 延期 once), and 附议 once. */
export function buttonsFor(p: ProblemDoc, rel: ProblemRelation, seconded: boolean, now: number): ProblemButton[] {
  return availableProblemEvents(p.state, rel.parties)
    .filter((r) => (r.guards ?? []).every((g) => guardRefusal(g, p, now) === null))
    .filter((r) => r.event !== 'second' || !seconded)
    .map((r) => ({
      event: r.event,
      via: r.via,
      label: r.label,
      needsNote: r.needsNote === true,
      needsPhotos: r.needsPhotos === true,
      needsUnits: r.needsUnits === true,
    }));
}

/** 派遣 choices: the category's usual kind first, the 小区's own property company before other companies. */
export function unitOptionsFor(p: ProblemDoc, category: ProblemCategory | null, units: readonly HandlingUnit[]): UnitOption[] {
  const rank = (u: HandlingUnit) =>
    (u.kind === category?.handlerKind ? 0 : 2) + (u.kind === 'property' && !u.estateIds.includes(p.estateId) ? 1 : 0);
  return units
    .filter((u) => u.kind !== 'property' || u.estateIds.includes(p.estateId) || u.estateIds.length === 0)
    .sort((a, b) => rank(a) - rank(b) || a.order - b.order)
    .map((u) => ({
      unitId: u._id,
      name: u.name,
      kind: u.kind,
      kindLabel: HANDLING_UNIT_KIND_LABELS[u.kind],
      suggested: rank(u) === 0,
    }));
}

export function toDetail(
  p: ProblemDoc,
  rel: ProblemRelation,
  events: readonly ProblemEventDoc[],
  extra: { seconded: boolean; unitOptions: UnitOption[] },
  now: number,
): ProblemDetail {
  return {
    problem: toView(p, rel, now),
    timeline: toTimeline(events),
    actions: buttonsFor(p, rel, extra.seconded, now),
    caller: { parties: rel.parties, reporter: rel.parties.includes('reporter'), seconded: extra.seconded },
    unitOptions: extra.unitOptions,
  };
}
