/**
 * 活动招募公告: the announcement a publish may post to the activity's buildings through the
 * announcement flow (announce function: content check, fan-out, 知晓率), written from the activity.
 *
 * Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */
import { TITLE_MAX } from '../announce/announce.rules';
import type { AnnouncementState } from '../announce/announce.types';
import { fitTime } from '../notify/notify.format';
import type { ActivityDoc } from './activity.types';
import { requirementsText } from './requirements.rules';

/** What became of the announcement a publish asked for: posted (id, state, buildings reached) or why not. */
export type RecruitmentOutcome =
  | { ok: true; id: string; state: AnnouncementState; buildings: number }
  | { ok: false; code: string; message: string };

/** The announcement's request id: one per activity, so a retried publish posts it once. */
export const recruitmentRequestIdOf = (activityId: string): string => `recruit-${activityId}`;

const hhmm = (ms: number) => fitTime(ms).slice(11);

/** Title (≤ the announcement's limit) and markdown-lite body of the 活动招募 announcement. */
export function recruitmentAnnouncement(
  a: Pick<ActivityDoc, 'title' | 'category' | 'description' | 'address' | 'organiser' | 'contactName' | 'requirements' | 'signUpClosesAt'>,
  sessions: readonly { startAt: number; endAt: number; quota: number }[],
): { title: string; body: string } {
  const sorted = [...sessions].sort((x, y) => x.startAt - y.startAt);
  const first = sorted[0];
  const places = sorted.reduce((n, s) => n + s.quota, 0);
  const when = !first
    ? ''
    : sorted.length === 1
      ? `${fitTime(first.startAt)}–${hhmm(first.endAt)}`
      : `${fitTime(first.startAt)} 起，共 ${sorted.length} 场`;
  const who = requirementsText(a.requirements);
  const title = Array.from(`活动招募｜${a.title}`).slice(0, TITLE_MAX).join('');
  const body = [
    `**${a.title}**（${a.category}）`,
    a.description,
    [
      `- 时间：${when}`,
      `- 地点：${a.address}`,
      `- 名额：共 ${places} 人`,
      `- 报名条件：${who.length > 0 ? who.join('；') : '通过审核的志愿者'}`,
      `- 报名截止：${fitTime(a.signUpClosesAt)}`,
      `- 组织单位：${a.organiser.name}（联系人 ${a.contactName}）`,
    ].join('\n'),
    '报名方法：打开小程序「志愿活动」，在活动广场找到本活动，选择场次报名。还不是志愿者的，请先完成志愿者实名注册。',
  ].join('\n\n');
  return { title, body };
}
