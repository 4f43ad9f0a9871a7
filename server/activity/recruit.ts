/**
 * 活动招募公告 on publish: the activity function asks the announce function to create and publish
 * an announcement (cloud.callFunction keeps the caller, so the announcement's own rules apply as
 * for any author: publishing scope, cover ownership, content check, fan-out to the buildings and
 * 知晓率). Nothing of the fan-out is repeated here. Its request id comes from the activity, so a
 * retried publish finds the same draft and publishing it again is harmless.
 */

import type { ActivityDoc } from '../../src/domain/activity/activity.types';
import { type RecruitmentOutcome, recruitmentAnnouncement, recruitmentRequestIdOf } from '../../src/domain/activity/recruitment.rules';
import type { CreatedDraft, PublishResult } from '../../src/domain/announce/announce.views';
import type { CloudResult } from '../../src/domain/shared/cloud-result';
import { wxCloud } from '../kit/wx-cloud';

async function announce<T>(data: Record<string, unknown>): Promise<CloudResult<T>> {
  try {
    const res = (await wxCloud().callFunction({ name: 'announce', data })) as { result?: CloudResult<T> };
    return res.result ?? { ok: false, code: 'SYS.INTERNAL', message: '公告服务没有回答' };
  } catch (err) {
    console.warn('[activity] recruitment announcement call failed', err);
    return { ok: false, code: 'SYS.INTERNAL', message: '公告服务暂时不可用' };
  }
}

/** Creates (once per activity) and publishes the 活动招募 announcement to the activity's place. */
export async function postRecruitment(
  activity: Pick<
    ActivityDoc,
    | '_id'
    | 'title'
    | 'category'
    | 'description'
    | 'address'
    | 'organiser'
    | 'contactName'
    | 'requirements'
    | 'signUpClosesAt'
    | 'cover'
    | 'placeUnitId'
  >,
  sessions: readonly { startAt: number; endAt: number; quota: number }[],
): Promise<RecruitmentOutcome> {
  const { title, body } = recruitmentAnnouncement(activity, sessions);
  const created = await announce<CreatedDraft>({
    action: 'create',
    requestId: recruitmentRequestIdOf(activity._id),
    title,
    body,
    category: '活动招募',
    targets: [activity.placeUnitId],
    ...(activity.cover ? { coverFileId: activity.cover } : {}),
  });
  if (!created.ok) return { ok: false, code: created.code, message: created.message };
  const published = await announce<PublishResult>({ action: 'publish', id: created.data.id });
  if (!published.ok) return { ok: false, code: published.code, message: published.message };
  return { ok: true, id: published.data.id, state: published.data.state, buildings: published.data.buildings };
}
