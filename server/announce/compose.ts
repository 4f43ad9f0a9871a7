import { randomBytes } from 'node:crypto';
import { ANNOUNCE_SUBSCRIBE_GRANTS, ANNOUNCEMENTS } from '../../database/collections';
import { blocksToPlainText, parseBody } from '../../src/domain/announce/announce.body';
import { detailPathOf, isEditable, scheduleProblem } from '../../src/domain/announce/announce.rules';
import type { AnnouncementCategory, AnnouncementDoc, SubscribeGrantDoc } from '../../src/domain/announce/announce.types';
import type {
  AnnouncementView,
  AnnouncePage,
  CreatedDraft,
  DraftView,
  MineItem,
  PreviewView,
  PublishResult,
  RecipientEstate,
  SavedDraft,
  SubscribeGrantView,
} from '../../src/domain/announce/announce.views';
import { authorize } from '../../src/domain/identity/authorize';
import type { OrgUnit } from '../../src/domain/org/org.types';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { Actor } from '../kit/actor';
import { config } from '../kit/config';
import { type LoadedPrincipal, requirePermission } from '../kit/principal';
import { readById, readList } from '../kit/read-list';
import { createOnce, idForRequest } from '../kit/request-id';
import { assertOwnUploads, UPLOAD_FOLDERS } from '../kit/uploads';
import { database, wxCloud } from '../kit/wx-cloud';
import { buildingsUnder, findOrgUnits, orgPathOf } from '../org/org-units';
import { cas, getAnnouncement, readAnnouncementFor } from './announce-store';
import { planAnnouncement } from './planning';

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

/**
 * The stored content of a draft from the author's fields, after the checks both create and update
 * make. A cover must be the caller's own upload; the cover already on the draft (`keptCover`,
 * maybe a colleague's) stays as it is.
 */
async function contentOf(principal: LoadedPrincipal, input: CreateInput, now: number, keptCover: string | null = null) {
  await checkedTargets(principal, input.targets);
  await assertOwnUploads(input.coverFileId === undefined ? [] : [input.coverFileId], {
    folder: UPLOAD_FOLDERS.cover,
    openid: principal.openid,
    what: '封面',
    kept: keptCover ? [keptCover] : [],
  });
  const blocks = parseBody(input.body);
  if (blocks.length === 0) throw new DomainError(ErrorCode.InputInvalid, '输入有误：正文不能为空');
  const problem = input.publishAt === undefined ? null : scheduleProblem(input.publishAt, now);
  if (problem) throw new DomainError(ErrorCode.InputInvalid, `输入有误：${problem}`);
  return {
    title: input.title,
    body: input.body,
    blocks,
    coverFileId: input.coverFileId ?? null,
    category: input.category,
    targets: [...new Set(input.targets)],
    publishAt: input.publishAt ?? null,
  };
}

/**
 * 新建公告 (draft). Every target must lie in the caller's area; a 定时发布 time within the window.
 * With a request id it is idempotent: a retry after a timeout answers the draft the first attempt
 * made (`duplicate: true`) instead of making a second.
 */
export async function createAnnouncement(
  principal: LoadedPrincipal,
  input: CreateInput & { requestId?: string },
  now: number,
): Promise<CreatedDraft> {
  const id = input.requestId
    ? idForRequest('ann', 'announce.create', principal.openid, input.requestId)
    : `ann-${now.toString(36)}-${randomBytes(4).toString('hex')}`;
  const earlier = async () => {
    if (!input.requestId) return null;
    const made = await readById<AnnouncementDoc>(ANNOUNCEMENTS, id);
    return made ? { id, state: made.state, version: made.updatedAt, duplicate: true } : null;
  };
  return createOnce(earlier, async () => {
    const content = await contentOf(principal, input, now);
    const doc: AnnouncementDoc = {
      _id: id,
      ...content,
      buildingIds: [],
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
    return { id, state: 'draft' as const, version: now, duplicate: false };
  });
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

/**
 * An announcement the caller may manage (staff whose area covers every target), read with its
 * targeted units and the caller's record in one request.
 */
async function managed(actor: Actor, id: string): Promise<{ a: AnnouncementDoc; units: OrgUnit[]; principal: LoadedPrincipal }> {
  const read = await readAnnouncementFor(actor, id);
  for (const u of read.units) requirePermission(read.principal, 'announcement.publish', { orgPath: orgPathOf(u) });
  return read;
}

/**
 * A draft (or scheduled) announcement still editable by the caller, read again at `version`
 * (its `updatedAt` when the editor loaded it): an edit made meanwhile by somebody else, or the
 * timer publishing it, refuses the change rather than letting either overwrite the other.
 */
async function editable(actor: Actor, id: string, version: number): Promise<{ a: AnnouncementDoc; principal: LoadedPrincipal }> {
  const { a, principal } = await managed(actor, id);
  if (!isEditable(a.state)) throw new DomainError(ErrorCode.InvalidTransition, '这条公告已经发布，不能再修改');
  if (a.updatedAt !== version) throw new DomainError(ErrorCode.Conflict, '这条公告刚被修改过，请重新打开后再操作');
  return { a, principal };
}

/** Why a CAS on an editable announcement failed, read back. */
async function lostRace(id: string): Promise<never> {
  const fresh = await getAnnouncement(id);
  if (!isEditable(fresh.state)) throw new DomainError(ErrorCode.InvalidTransition, '这条公告已经开始发布，不能再修改');
  throw new DomainError(ErrorCode.Conflict, '这条公告刚被修改过，请重新打开后再操作');
}

/** 修改: opens a draft or scheduled announcement for editing. */
export async function draftOf(actor: Actor, input: { id: string }): Promise<DraftView> {
  const { a } = await managed(actor, input.id);
  if (!isEditable(a.state)) throw new DomainError(ErrorCode.InvalidTransition, '这条公告已经发布，不能再修改');
  return {
    id: a._id,
    state: a.state,
    title: a.title,
    body: a.body,
    category: a.category,
    coverFileId: a.coverFileId,
    targets: a.targets,
    publishAt: a.publishAt,
    version: a.updatedAt,
  };
}

/**
 * 保存修改: every field replaced (new targets checked against the caller's area like new ones).
 * The result is a draft: a scheduled one goes back to draft, to be previewed and published again
 * (content check included) — the schedule the author confirmed was for the old text.
 */
export async function updateAnnouncement(
  actor: Actor,
  input: CreateInput & { id: string; version: number },
  now: number,
): Promise<SavedDraft> {
  const { a, principal } = await editable(actor, input.id, input.version);
  const content = await contentOf(principal, input, now, a.coverFileId);
  // now ≤ the version would let a save at the same millisecond look unchanged to the next CAS.
  const version = Math.max(now, a.updatedAt + 1);
  if (
    !(await cas(ANNOUNCEMENTS, { _id: a._id, state: a.state, updatedAt: a.updatedAt }, { ...content, state: 'draft', updatedAt: version }))
  )
    await lostRace(a._id);
  return { id: a._id, state: 'draft', version };
}

/** 删除草稿: a draft or scheduled announcement that nobody has received is removed. */
export async function discardAnnouncement(actor: Actor, input: { id: string; version: number }): Promise<{ id: string }> {
  const { a } = await editable(actor, input.id, input.version);
  const res = (await database().collection(ANNOUNCEMENTS).where({ _id: a._id, state: a.state, updatedAt: a.updatedAt }).remove()) as {
    stats: { removed: number };
  };
  if (res.stats.removed !== 1) await lostRace(a._id);
  return { id: a._id };
}

/** 预览: the announcement exactly as the resident's detail page will show it, with its schedule. */
export async function previewAnnouncement(actor: Actor, input: { id: string }): Promise<PreviewView> {
  const { a, units } = await managed(actor, input.id);
  return {
    ...viewOf(a),
    sharePath: detailPathOf(a._id),
    publishAt: a.publishAt,
    version: a.updatedAt,
    recipients: await recipientsOf(units),
  };
}

/** The 楼栋 the targeted units reach, grouped by 小区 with their 社区's name, in org-tree order. */
async function recipientsOf(targets: readonly OrgUnit[]): Promise<PreviewView['recipients']> {
  const buildings = await buildingsUnder(targets);
  const parents = await findOrgUnits([...new Set(buildings.flatMap((b) => [b.parentId ?? '', b.path[1] ?? '']))].filter(Boolean));
  const unit = new Map(parents.map((u) => [u._id, u]));
  const rank = (id: string | undefined) => unit.get(id ?? '')?.order ?? 0;
  const sorted = [...buildings].sort(
    (x, y) =>
      rank(x.path[1]) - rank(y.path[1]) ||
      rank(x.parentId ?? '') - rank(y.parentId ?? '') ||
      String(x.parentId).localeCompare(String(y.parentId)) ||
      x.order - y.order,
  );
  const estates: RecipientEstate[] = [];
  for (const b of sorted) {
    const estateId = b.parentId ?? '';
    let estate = estates[estates.length - 1];
    if (estate?.id !== estateId) {
      estate = { id: estateId, name: unit.get(estateId)?.name ?? '', communityName: unit.get(b.path[1] ?? '')?.name ?? '', buildings: [] };
      estates.push(estate);
    }
    estate.buildings.push(b.name);
  }
  return { buildings: buildings.length, estates };
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

const resultOf = (a: AnnouncementDoc): PublishResult => ({
  id: a._id,
  state: a.state,
  publishAt: a.publishAt,
  buildings: a.buildingIds.length,
  planned: a.planned,
});

/**
 * 发布: content check, then either scheduled (a 定时发布 time set; the timer publishes it) or
 * published now: targets expand to distinct buildings and deliveries are planned (as much as
 * fits in this call; big ones go on at once in hand-ons, see handOn). Publishing again is harmless.
 * `version` (the preview's) makes sure what goes out is what the author previewed; the CAS on
 * state and version makes sure an edit saved during the content check is not published unchecked.
 */
export async function publishAnnouncement(actor: Actor, input: { id: string; version?: number }, now: number): Promise<PublishResult> {
  const { a, units, principal } = await managed(actor, input.id);
  if (a.state === 'publishing') {
    // The hand-on of a publish (or of the previous hand-on), or a second tap: plan on from the
    // cursor under the planning lease (a live planner keeps its work) and hand on what is left.
    const run = await planAnnouncement(a._id, now, CONTINUE_BUDGET_MS);
    if (!run.done && run.buildings > 0) await handOn(a._id);
    return resultOf(await getAnnouncement(a._id));
  }
  if (a.state !== 'draft') return resultOf(a);
  if (input.version !== undefined && input.version !== a.updatedAt)
    throw new DomainError(ErrorCode.Conflict, '这条公告刚被修改过，请重新预览后再发布');
  if (a.publishAt !== null && a.publishAt <= now)
    throw new DomainError(ErrorCode.Conflict, '定时发布的时间已经过了，请修改时间或改为立即发布');
  await checkContent(principal, a);
  const publishing = a.publishAt === null ? await startPublishing(a, now, units) : null;
  const started =
    a.publishAt !== null
      ? await cas(ANNOUNCEMENTS, { _id: a._id, state: 'draft', updatedAt: a.updatedAt }, { state: 'scheduled', updatedAt: now })
      : publishing !== null;
  if (!started) {
    const fresh = await getAnnouncement(a._id);
    if (fresh.state === 'draft') throw new DomainError(ErrorCode.Conflict, '这条公告刚被修改过，请重新预览后再发布');
    return resultOf(fresh);
  }
  if (publishing) {
    const run = await planAnnouncement(a._id, now, PUBLISH_BUDGET_MS, publishing);
    if (!run.done) await handOn(a._id);
  }
  return resultOf(await getAnnouncement(a._id));
}

/**
 * Planning inside the author's publish call (they wait for it); the rest is handed on at once and
 * the progress page shows it moving. A community's announcement fits; a subdistrict's goes on in
 * a hand-on (one more cold start, whatever this budget) while the author already sees the answer.
 */
const PUBLISH_BUDGET_MS = 5_000;
/** Planning per hand-on: well inside the function's 60 s timeout. */
const CONTINUE_BUDGET_MS = 40_000;
/** How long a call that hands on waits for the next invocation to be under way before it answers. */
const HAND_ON_WAIT_MS = 300;

/**
 * Planning that did not fit goes on at once in a fresh invocation of this function (a `publish`
 * of the announcement now `publishing`, as the same caller: cloud.callFunction keeps the caller),
 * instead of waiting for the minute timer; each hand-on plans CONTINUE_BUDGET_MS and hands on
 * again until every building is planned, so the progress page moves from the first second. This
 * call does not wait for that one to finish: it answers once the invocation is on its way
 * (HAND_ON_WAIT_MS) — that invocation runs on its own. Should a hand-on be lost, nothing is:
 * its planning lease runs out and the `drain` timer resumes at the cursor (resumePlanning).
 */
async function handOn(id: string): Promise<void> {
  const next = (wxCloud().callFunction({ name: 'announce', data: { action: 'publish', id } }) as Promise<unknown>).then(
    () => undefined,
    (err: unknown) => console.warn(`[announce] hand-on of ${id} failed; the drain timer resumes it`, err),
  );
  await Promise.race([next, new Promise<void>((resolve) => setTimeout(resolve, HAND_ON_WAIT_MS))]);
}

/**
 * draft / scheduled → publishing with the targets' buildings fixed. CAS on the state and the
 * version read: an edit saved after `a` was read (and checked) wins, and nothing is published.
 */
export async function startPublishing(a: AnnouncementDoc, now: number, targetUnits?: OrgUnit[]): Promise<AnnouncementDoc | null> {
  const buildings = await buildingsUnder(targetUnits ?? (await findOrgUnits(a.targets)));
  const buildingIds = [...new Set(buildings.map((b) => b._id))].sort();
  const patch = {
    state: 'publishing',
    buildingIds,
    publishedAt: now,
    planCursor: 0,
    planLeaseUntil: 0,
    planToken: null,
    updatedAt: now,
  } as const;
  return (await cas(ANNOUNCEMENTS, { _id: a._id, state: a.state, updatedAt: a.updatedAt }, patch)) ? { ...a, ...patch } : null;
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
export async function myAnnouncements(principal: LoadedPrincipal, input: { cursor?: string }): Promise<AnnouncePage<MineItem>> {
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
      version: a.updatedAt,
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
): Promise<SubscribeGrantView> {
  requirePermission(principal, 'announcement.subscribe', { ownerOpenid: principal.openid });
  if (input.templateId !== config().templateId('ANNOUNCEMENT'))
    throw new DomainError(ErrorCode.InputInvalid, '输入有误：不是公告提醒的订阅模板');
  const buildingId = principal.user?.binding === 'confirmed' ? (principal.user.buildingId ?? null) : null;
  const col = database().collection(ANNOUNCE_SUBSCRIBE_GRANTS);
  const _ = database().command;
  const updated = await cas(
    ANNOUNCE_SUBSCRIBE_GRANTS,
    { _id: principal.openid },
    { remaining: _.inc(1), buildingId, templateId: input.templateId, at: now },
  );
  if (!updated) {
    const doc: SubscribeGrantDoc = { _id: principal.openid, templateId: input.templateId, buildingId, remaining: 1, at: now };
    try {
      await col.add({ data: doc });
    } catch {
      await cas(ANNOUNCE_SUBSCRIBE_GRANTS, { _id: principal.openid }, { remaining: _.inc(1), buildingId, at: now });
    }
  }
  const grant = await readById<SubscribeGrantDoc>(ANNOUNCE_SUBSCRIBE_GRANTS, principal.openid);
  return { templateId: input.templateId, remaining: grant?.remaining ?? 0 };
}

/** True when `principal` may see staff views of a building (awareness) — used to filter roll-ups. */
export const mayWatch = (principal: LoadedPrincipal, unit: Pick<OrgUnit, '_id' | 'path'>): boolean =>
  authorize(principal, 'announcement.awareness', { orgPath: orgPathOf(unit) }).allowed;
