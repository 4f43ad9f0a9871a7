/**
 * Who is told what when a grid problem step lands, through the one notification outbox (the
 * notify function drains it): the reporter of 立案 / 不予立案 / 返工 / 销号, the handling unit's
 * staff of 派遣 / 返工 / 催办, the station of 处置上报 / 延期申请 / 升级督办. The messages use the
 * order templates' field layouts (进度 ORDER_STATUS for the reporter, 工单提醒 ORDER_ALERT for
 * staff), every value fitted to WeChat's limits by `templateData`.
 *
 * Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */
import { templateData } from '../notify/notify.format';
import type { NoticeDraft } from '../notify/notify.rules';
import { chinaDay } from './problem.rules';
import type { ProblemEvent } from './problem.state-machine';
import type { ProblemDoc } from './problem.types';

export type ProblemAudience = 'reporter' | 'unit' | 'station';

/** THE table: which events tell whom, and the few words (≤ 5 Chinese characters) that say what happened. */
export const PROBLEM_NOTICES: Partial<Record<ProblemEvent, { to: readonly ProblemAudience[]; phrase: string }>> = {
  register: { to: ['reporter'], phrase: '已立案' },
  dismiss: { to: ['reporter'], phrase: '不予立案' },
  dispatch: { to: ['unit'], phrase: '新派遣' },
  fix: { to: ['station'], phrase: '处置上报' },
  verify_pass: { to: ['reporter'], phrase: '已销号' },
  verify_fail: { to: ['reporter', 'unit'], phrase: '返工' },
  relapse: { to: ['reporter'], phrase: '回潮' },
  supervise: { to: ['unit'], phrase: '超期催办' },
  escalate: { to: ['unit', 'station'], phrase: '升级督办' },
  request_extension: { to: ['station'], phrase: '延期申请' },
  approve_extension: { to: ['unit'], phrase: '同意延期' },
  refuse_extension: { to: ['unit'], phrase: '延期未准' },
};

/** The mini-program page a problem message opens. */
export const problemPageOf = (problemId: string): string => `pages/problem/detail/index?problemId=${encodeURIComponent(problemId)}`;

const placeOf = (p: Pick<ProblemDoc, 'estateName' | 'buildingName' | 'placeText'>) =>
  [p.estateName, p.buildingName, p.placeText].filter(Boolean).join(' ');

/** What the reporter reads under the state. */
function reporterLine(event: ProblemEvent, p: ProblemDoc, note: string): string {
  switch (event) {
    case 'register':
      return '社区已受理，正在安排处置单位';
    case 'dismiss':
      return `原因：${note || '详见问题详情'}`;
    case 'verify_pass':
      return '问题已处理完毕，请对结果评价';
    case 'verify_fail':
      return `核查未通过，已退回返工：${note}`;
    case 'relapse':
      return `回头看发现回潮，已重新立案`;
    default:
      return note || p.categoryName;
  }
}

/** What unit staff and the station read in 说明. */
function staffLine(event: ProblemEvent, p: ProblemDoc, note: string): string {
  const due = p.deadlineAt ? `${Number(chinaDay(p.deadlineAt).slice(5, 7))}月${Number(chinaDay(p.deadlineAt).slice(8, 10))}日` : '';
  switch (event) {
    case 'dispatch':
      return due ? `请于${due}前处置并上传照片` : '请尽快处置并上传照片';
    case 'verify_fail':
      return `返工：${note || '核查未通过'}`;
    case 'supervise':
      return '已超过处置期限，请尽快处置';
    case 'escalate':
      return '超期一倍仍未处置，已升级督办';
    case 'fix':
      return note ? `已处置：${note}` : '处置单位已上报处置，请核查';
    case 'request_extension':
      return note;
    case 'approve_extension':
      return due ? `处置期限延至${due}` : '延期已同意';
    case 'refuse_extension':
      return `不同意延期：${note}`;
    default:
      return note || p.categoryName;
  }
}

export interface ProblemNoticeContext {
  event: ProblemEvent;
  /** The problem after the step. */
  problem: ProblemDoc;
  /** The step's note (a reason, 处置说明 …) as written. */
  note: string;
  now: number;
  /** Staff of the problem's units who subscribed to alerts. */
  unitStaff: readonly string[];
  /** Station (and, when escalated, institute) staff who subscribed to alerts. */
  stationStaff: readonly string[];
  /** Who fired it: never told about their own step. */
  actorOpenid: string;
}

/** The messages a landed step sends; one per (recipient, template), never to the actor. */
export function planProblemNotices(ctx: ProblemNoticeContext): NoticeDraft[] {
  const spec = PROBLEM_NOTICES[ctx.event];
  if (!spec) return [];
  const p = ctx.problem;
  const page = problemPageOf(p._id);
  const drafts: NoticeDraft[] = [];
  if (spec.to.includes('reporter') && !p.selfFixed) {
    drafts.push({
      recipient: p.reporterOpenid,
      templateKey: 'ORDER_STATUS',
      page,
      data: templateData({ thing1: p.categoryName, phrase2: spec.phrase, thing3: reporterLine(ctx.event, p, ctx.note), time4: ctx.now }),
    });
  }
  const alert = templateData({
    thing1: p.categoryName,
    phrase2: spec.phrase,
    thing3: placeOf(p),
    thing4: staffLine(ctx.event, p, ctx.note),
  });
  const staff = [...(spec.to.includes('unit') ? ctx.unitStaff : []), ...(spec.to.includes('station') ? ctx.stationStaff : [])];
  for (const recipient of staff) drafts.push({ recipient, templateKey: 'ORDER_ALERT', page, data: alert });
  const seen = new Set<string>();
  return drafts.filter((d) => {
    const key = `${d.recipient}:${d.templateKey}`;
    if (d.recipient === ctx.actorOpenid || !d.recipient || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
