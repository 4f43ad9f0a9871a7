import { randomBytes } from 'node:crypto';
import { type Block, blocksToPlainText, parseBody } from '../../src/domain/announce/announce.body';
import { detailPathOf } from '../../src/domain/announce/announce.rules';
import type {
  AnnouncementCategory,
  AnnouncementDoc,
  AnnouncementState,
  Channel,
  SubscribeGrantDoc,
} from '../../src/domain/announce/announce.types';
import { authorize } from '../../src/domain/identity/authorize';
import type { OrgUnit } from '../../src/domain/org/org.types';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { type LoadedPrincipal, requirePermission } from '../kit/principal';
import { readList } from '../kit/read-list';
import { database, wxCloud } from '../kit/wx-cloud';
import { buildingsUnder, findOrgUnits, orgPathOf } from '../org/org-units';
import { ANNOUNCEMENTS, cas, GRANTS, getAnnouncement } from './announce-store';
import { planAnnouncement } from './planning';
import { announceTemplateId } from './template';

export interface CreateInput {
  title: string;
  body: string;
  coverFileId?: string;
  category: AnnouncementCategory;
  targets: string[];
  publishAt?: number;
}

/** The targets as org units, each one in the caller's publishing scope. */
async function checkedTargets(principal: LoadedPrincipal, targets: readonly string[]): Promise<OrgUnit[]> {
  const units = await findOrgUnits(targets);
  const byId = new Map(units.map((u) => [u._id, u]));
  const missing = targets.filter((t) => !byId.has(t));
  if (missing.length > 0) throw new DomainError(ErrorCode.NotFound, `找不到推送范围：${missing.slice(0, 3).join('、')}`);
  for (const u of units) requirePermission(principal, 'announcement.publish', { orgPath: orgPathOf(u) });
  return units;
}

/** 新建公告 (draft). Every target must lie in the caller's area. */
export async function createAnnouncement(
  principal: LoadedPrincipal,
  input: CreateInput,
  now: number,
): Promise<{ id: string; state: AnnouncementState }> {
  await checkedTargets(principal, input.targets);
  const blocks = parseBody(input.body);
  if (blocks.length === 0) throw new DomainError(ErrorCode.InputInvalid, '输入有误：正文不能为空');
  const id = `ann-${now.toString(36)}-${randomBytes(4).toString('hex')}`;
  const doc: AnnouncementDoc = {
    _id: id,
    title: input.title,
    body: input.body,
    blocks,
    coverFileId: input.coverFileId ?? null,
    category: input.category,
    targets: [...new Set(input.targets)],
    buildingIds: [],
    publishAt: input.publishAt ?? null,
    state: 'draft',
    authorOpenid: principal.openid,
    publishedAt: null,
    planCursor: 0,
    planLeaseUntil: 0,
    planToken: null,
    planned: { feed: 0, subscribe: 0, robot: 0, share_task: 0 },
    createdAt: now,
    updatedAt: now,
  };
  await database().collection(ANNOUNCEMENTS).add({ data: doc });
  return { id, state: 'draft' };
}

/** What a resident sees on the detail page. */
export interface AnnouncementView {
  id: string;
  title: string;
  category: AnnouncementCategory;
  coverFileId: string | null;
  blocks: Block[];
  /** Plain text of the body (for accessibility / share descriptions). */
  text: string;
  publishedAt: number | null;
  state: AnnouncementState;
}

export const viewOf = (a: AnnouncementDoc): AnnouncementView => ({
  id: a._id,
  title: a.title,
  category: a.category,
  coverFileId: a.coverFileId,
  blocks: a.blocks,
  text: blocksToPlainText(a.blocks),
  publishedAt: a.publishedAt,
  state: a.state,
});

/** Staff who may manage an announcement: the author, or staff whose area covers every target. */
async function requireManage(principal: LoadedPrincipal, a: AnnouncementDoc): Promise<OrgUnit[]> {
  const units = await findOrgUnits(a.targets);
  for (const u of units) requirePermission(principal, 'announcement.publish', { orgPath: orgPathOf(u) });
  return units;
}

/** 预览: the announcement exactly as the resident's detail page will show it. */
export async function previewAnnouncement(
  principal: LoadedPrincipal,
  input: { id: string },
): Promise<AnnouncementView & { sharePath: string }> {
  const a = await getAnnouncement(input.id);
  await requireManage(principal, a);
  return { ...viewOf(a), sharePath: detailPathOf(a._id) };
}

/** msgSecCheck (v2) on title and body as the author; risky → refused. */
async function checkContent(principal: LoadedPrincipal, a: AnnouncementDoc): Promise<void> {
  let suggest: string | undefined;
  try {
    const res = (await wxCloud().openapi.security.msgSecCheck({
      content: `${a.title}\n${a.body}`,
      version: 2,
      scene: 3,
      openid: principal.openid,
      title: a.title,
    } as never)) as { result?: { suggest?: string } };
    suggest = res.result?.suggest;
  } catch (err) {
    console.error('[announce] msgSecCheck failed', err);
    throw new DomainError(ErrorCode.ContentCheckUnavailable, '内容安全检查暂时不可用，请稍后再发布');
  }
  if (suggest !== 'pass') throw new DomainError(ErrorCode.ContentRisky, '标题或正文包含不适宜发布的内容，请修改后再发布');
}

export interface PublishResult {
  id: string;
  state: AnnouncementState;
  publishAt: number | null;
  buildings: number;
  planned: Record<Channel, number>;
}

const resultOf = (a: AnnouncementDoc): PublishResult => ({
  id: a._id,
  state: a.state,
  publishAt: a.publishAt,
  buildings: a.buildingIds.length,
  planned: a.planned,
});

/**
 * 发布: content check, then either scheduled (publishAt in the future; the timer publishes it)
 * or published now: targets expand to distinct buildings and deliveries are planned (as much as
 * fits in this call; the `drain` timer finishes big ones). Publishing again is harmless.
 */
export async function publishAnnouncement(principal: LoadedPrincipal, input: { id: string }, now: number): Promise<PublishResult> {
  const a = await getAnnouncement(input.id);
  await requireManage(principal, a);
  if (a.state !== 'draft') return resultOf(a);
  await checkContent(principal, a);
  const scheduled = a.publishAt !== null && a.publishAt > now;
  if (scheduled) {
    await cas(ANNOUNCEMENTS, { _id: a._id, state: 'draft' }, { state: 'scheduled', updatedAt: now });
    return resultOf(await getAnnouncement(a._id));
  }
  await startPublishing(a, now);
  await planAnnouncement(a._id, now, 20_000);
  return resultOf(await getAnnouncement(a._id));
}

/** draft / scheduled → publishing with the targets' buildings fixed (CAS on the state read). */
export async function startPublishing(a: AnnouncementDoc, now: number): Promise<boolean> {
  const units = await findOrgUnits(a.targets);
  const buildings = await buildingsUnder(units);
  const buildingIds = [...new Set(buildings.map((b) => b._id))].sort();
  return cas(
    ANNOUNCEMENTS,
    { _id: a._id, state: a.state },
    { state: 'publishing', buildingIds, publishedAt: now, planCursor: 0, planLeaseUntil: 0, planToken: null, updatedAt: now },
  );
}

/** Scheduled announcements that fell due (timer). */
export async function publishDue(now: number): Promise<number> {
  const _ = database().command;
  const due = await readList<AnnouncementDoc>(
    database()
      .collection(ANNOUNCEMENTS)
      .where({ state: 'scheduled', publishAt: _.lte(now) })
      .orderBy('publishAt', 'asc')
      .limit(20),
  );
  let started = 0;
  for (const a of due) if (await startPublishing(a, now)) started += 1;
  return started;
}

/** 我发布的公告: the author's announcements, newest first (20 per page). */
export async function myAnnouncements(principal: LoadedPrincipal, input: { cursor?: string }) {
  const _ = database().command;
  const before = input.cursor ? Number(input.cursor) : undefined;
  const where: Record<string, unknown> = { authorOpenid: principal.openid };
  if (before !== undefined && Number.isFinite(before)) where.createdAt = _.lt(before);
  const rows = await readList<AnnouncementDoc>(database().collection(ANNOUNCEMENTS).where(where).orderBy('createdAt', 'desc').limit(20));
  return {
    items: rows.map((a) => ({
      id: a._id,
      title: a.title,
      category: a.category,
      state: a.state,
      publishAt: a.publishAt,
      publishedAt: a.publishedAt,
      createdAt: a.createdAt,
      buildings: a.buildingIds.length,
    })),
    nextCursor: rows.length === 20 ? String(rows[rows.length - 1]?.createdAt) : null,
  };
}

/**
 * 订阅授权: after the resident accepted `wx.requestSubscribeMessage` (from a tap) for the
 * announcement template, one more one-time grant is recorded; the planner sends a subscribe
 * message only to residents holding one.
 */
export async function recordSubscribeGrant(
  principal: LoadedPrincipal,
  input: { templateId: string },
  now: number,
): Promise<{ templateId: string; remaining: number }> {
  requirePermission(principal, 'announcement.subscribe', { ownerOpenid: principal.openid });
  if (input.templateId !== announceTemplateId()) throw new DomainError(ErrorCode.InputInvalid, '输入有误：不是公告提醒的订阅模板');
  const buildingId = principal.user?.binding === 'confirmed' ? (principal.user.buildingId ?? null) : null;
  const col = database().collection(GRANTS);
  const _ = database().command;
  const updated = await cas(GRANTS, { _id: principal.openid }, { remaining: _.inc(1), buildingId, templateId: input.templateId, at: now });
  if (!updated) {
    const doc: SubscribeGrantDoc = { _id: principal.openid, templateId: input.templateId, buildingId, remaining: 1, at: now };
    try {
      await col.add({ data: doc });
    } catch {
      await cas(GRANTS, { _id: principal.openid }, { remaining: _.inc(1), buildingId, at: now });
    }
  }
  const [grant] = await readList<SubscribeGrantDoc>(col.where({ _id: principal.openid }).limit(1));
  return { templateId: input.templateId, remaining: grant?.remaining ?? 0 };
}

/** True when `principal` may see staff views of a building (awareness) — used to filter roll-ups. */
export const mayWatch = (principal: LoadedPrincipal, unit: Pick<OrgUnit, '_id' | 'path'>): boolean =>
  authorize(principal, 'announcement.awareness', { orgPath: orgPathOf(unit) }).allowed;
