/**
 * 整改通知单: the notice a station hands a 处置单位 (a property company above all) for one
 * dispatched problem — 编号, 单位, 位置, 问题描述, 照片, 整改期限, 要求, 发出单位 and date — for the
 * print page (desk, H5 `window.print()`) or a screenshot forwarded in WeChat.
 *
 * Who may open it: staff whose scope covers the problem, and the staff of a unit it is with.
 */
import { ORG_UNITS } from '../../database/collections';
import type { OrgUnit } from '../../src/domain/org/org.types';
import { chinaDateLabel, type RectificationNoticeView } from '../../src/domain/problem/ledger.views';
import { PROBLEM_STATE_LABELS } from '../../src/domain/problem/problem.states';
import type { ProblemDoc } from '../../src/domain/problem/problem.types';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { LoadedPrincipal } from '../kit/principal';
import { readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { relationTo } from './problem-relation';
import { findProblem, problemTimeline } from './problem-store';
import { placeLabelOf } from './problem-views';

export const RECTIFICATION_REQUIREMENTS = [
  '请于整改期限前完成整改，消除问题，防止反弹。',
  '整改完成后，请在「待处置问题」中上传整改后照片并说明处置情况，社区将现场核查后销号。',
  '如不属于本单位职责或确有困难，请在期限前退回或申请延期，并写明理由。',
  '逾期未整改的将予以督办；超过期限一倍仍未整改的，上报街道实践所督办。',
] as const;

export function deadlineLabelOf(p: Pick<ProblemDoc, 'deadlineDays' | 'deadlineAt'>): string {
  const within = p.deadlineDays <= 0 ? '当天' : `${p.deadlineDays} 个工作日内`;
  return p.deadlineAt === null ? within : `${within}（${chinaDateLabel(p.deadlineAt)} 24 时前）`;
}

/** The notice for one problem, addressed to `unitId` (a unit's staff: their own unit; staff: any unit it is with). */
export async function rectificationNotice(
  principal: LoadedPrincipal,
  input: { problemId: string; unitId?: string },
): Promise<RectificationNoticeView> {
  const p = await findProblem(input.problemId);
  const rel = await relationTo(principal, p);
  const staff = rel.parties.includes('staff');
  const unitGrants = principal.grants.filter((g) => g.role === 'unit_staff' && p.unitIds.includes(g.scopeId)).map((g) => g.scopeId);
  if (!staff && unitGrants.length === 0)
    throw new DomainError(rel.refusal, rel.refusal === ErrorCode.OutOfScope ? '超出您负责的范围' : '只有实践站和处置单位能查看整改通知单');
  if (p.unitIds.length === 0 || p.dispatchedAt === null)
    throw new DomainError(ErrorCode.InvalidTransition, '这个问题还没有派遣给处置单位，派遣后才能出具整改通知单');
  const unitId = input.unitId ?? (staff ? p.unitIds[0] : unitGrants[0]);
  const index = unitId ? p.unitIds.indexOf(unitId) : -1;
  if (index < 0 || (!staff && !unitGrants.includes(unitId as string)))
    throw new DomainError(staff ? ErrorCode.NotFound : ErrorCode.OutOfScope, '这个问题没有派给该处置单位');

  const _ = database().command;
  const [events, orgs] = await Promise.all([
    problemTimeline(p._id),
    readList<OrgUnit>(
      database()
        .collection(ORG_UNITS)
        .where({ _id: _.in([p.subdistrictId, p.communityId]) })
        .limit(2),
    ),
  ]);
  const dispatch = [...events].reverse().find((e) => e.event === 'dispatch');
  const org = new Map(orgs.map((o) => [o._id, o]));
  const subdistrict = org.get(p.subdistrictId);
  const community = org.get(p.communityId);
  const byInstitute = dispatch?.actorLabel === '街道实践所';
  const issuer = byInstitute
    ? subdistrict?.kind === 'subdistrict'
      ? subdistrict.instituteName
      : '街道新时代文明实践所'
    : community?.kind === 'community'
      ? community.stationName
      : '社区新时代文明实践站';
  const unitName = p.unitNames[index] ?? '';
  return {
    problemId: p._id,
    no: p.no,
    unitName,
    unitNames: [unitName, ...p.unitNames.filter((_n, i) => i !== index)],
    placeLabel: placeLabelOf(p),
    categoryName: p.categoryName,
    description: p.description,
    photos: p.photos,
    deadlineAt: p.deadlineAt,
    deadlineLabel: deadlineLabelOf(p),
    requirements: [...RECTIFICATION_REQUIREMENTS],
    issuer,
    issuedAt: dispatch?.at ?? p.dispatchedAt,
    stateLabel: PROBLEM_STATE_LABELS[p.state],
  };
}
