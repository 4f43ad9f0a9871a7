import {
  ANNOUNCEMENT_DELIVERIES,
  ANNOUNCEMENT_GROUP_READS,
  ANNOUNCEMENT_READS,
  ANNOUNCEMENT_TARGETS,
  ANNOUNCEMENTS,
  ORG_UNITS,
  USERS,
  WECHAT_GROUPS,
} from '../../database/collections';
import { rollUpAwareness, unreadHouseholds } from '../../src/domain/announce/announce.awareness';
import { blocksToPlainText } from '../../src/domain/announce/announce.body';
import { detailPathOf, excerpt, groupReadIdOf, readIdOf, targetIdOf } from '../../src/domain/announce/announce.rules';
import {
  type AnnouncementDoc,
  type AnnouncementTargetDoc,
  CHANNELS,
  type Channel,
  type DeliveryDoc,
  type DeliveryState,
  DONE_STATE,
  type GroupReadDoc,
  type ReadDoc,
} from '../../src/domain/announce/announce.types';
import type {
  AnnouncePage,
  AwarenessView,
  DetailView,
  FeedItem,
  GroupOutcome,
  ProgressView,
  ShareTask,
  UnreadView,
} from '../../src/domain/announce/announce.views';
import type { UserProfile } from '../../src/domain/identity/role';
import type { OrgUnit, WechatGroup } from '../../src/domain/org/org.types';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { announcementReachOf } from '../grid/reach';
import type { Actor } from '../kit/actor';
import { type LoadedPrincipal, requirePermission } from '../kit/principal';
import { readById, readList } from '../kit/read-list';
import { isDuplicateKey, isTransactionConflict, runTransactionPatiently } from '../kit/tx';
import { database, wxCloud } from '../kit/wx-cloud';
import { findOrgUnits, getOrgUnit, orgPathOf } from '../org/org-units';
import { getAnnouncement, insertOnce, readAll, readAnnouncementFor } from './announce-store';
import { readersAmong } from './audience';
import { mayWatch, viewOf } from './compose';
import { isShareToken, shareTokenOf } from './share-token';

const FEED_PAGE = 20;
const isOut = (a: AnnouncementDoc) => a.state === 'publishing' || a.state === 'published';

function confirmedBuilding(principal: LoadedPrincipal): string | null {
  const u = principal.user;
  return u?.binding === 'confirmed' && u.buildingId ? u.buildingId : null;
}

/** 公告 feed of a confirmed resident: announcements that target their building, newest first. */
export async function feed(principal: LoadedPrincipal, input: { cursor?: string }): Promise<AnnouncePage<FeedItem>> {
  const buildingId = confirmedBuilding(principal);
  if (!buildingId) throw new DomainError(ErrorCode.BindingRequired, '绑定楼栋并经确认后才能查看本楼栋的公告');
  const db = database();
  const _ = db.command;
  const before = input.cursor === undefined ? undefined : Number(input.cursor);
  if (before !== undefined && !Number.isFinite(before)) throw new DomainError(ErrorCode.InputInvalid, '输入有误：cursor 无效');
  const where: Record<string, unknown> = { buildingId };
  if (before !== undefined) where.publishedAt = _.lt(before);
  const targets = await readList<AnnouncementTargetDoc>(
    db.collection(ANNOUNCEMENT_TARGETS).where(where).orderBy('publishedAt', 'desc').limit(FEED_PAGE),
  );
  if (targets.length === 0) return { items: [], nextCursor: null };
  const ids = targets.map((t) => t.announcementId);
  const [anns, reads] = await Promise.all([
    readList<AnnouncementDoc>(
      db
        .collection(ANNOUNCEMENTS)
        .where({ _id: _.in(ids) })
        .limit(FEED_PAGE),
    ),
    readList<ReadDoc>(
      db
        .collection(ANNOUNCEMENT_READS)
        .where({ _id: _.in(ids.map((id) => readIdOf(id, principal.openid))) })
        .limit(FEED_PAGE),
    ),
  ]);
  const byId = new Map(anns.map((a) => [a._id, a]));
  const read = new Set(reads.map((r) => r.announcementId));
  const items = targets.flatMap((t) => {
    const a = byId.get(t.announcementId);
    if (!a) return [];
    return [
      {
        id: a._id,
        title: a.title,
        category: a.category,
        coverFileId: a.coverFileId,
        excerpt: excerpt(blocksToPlainText(a.blocks), 60),
        publishedAt: t.publishedAt,
        read: read.has(a._id),
      },
    ];
  });
  return { items, nextCursor: targets.length === FEED_PAGE ? String(targets[targets.length - 1]?.publishedAt) : null };
}

/** Inserts a ledger row and raises the target's group-open counter in one transaction; false when the row existed. */
async function countOnce(collection: string, doc: { _id: string }, targetId: string): Promise<boolean> {
  const _ = database().command;
  try {
    // Readers of one building's card all raise the same counter: CloudBase refuses all but the
    // first writer at update time, and the patient runner spreads the others out.
    await runTransactionPatiently(async (t) => {
      await t.collection(collection).add({ data: doc });
      await t
        .collection(ANNOUNCEMENT_TARGETS)
        .doc(targetId)
        .update({ data: { groupReads: _.inc(1) } });
    });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    if (isTransactionConflict(err)) throw new DomainError(ErrorCode.Conflict, '阅读记录繁忙，请稍后重试');
    throw err;
  }
}

async function targetOf(announcementId: string, buildingId: string): Promise<AnnouncementTargetDoc | undefined> {
  return (await readById<AnnouncementTargetDoc>(ANNOUNCEMENT_TARGETS, targetIdOf(announcementId, buildingId))) ?? undefined;
}

async function opengidOf(cloudId: string): Promise<string | null> {
  try {
    const res = (await wxCloud().getOpenData({ list: [cloudId] })) as { list?: Array<{ data?: { opengid?: unknown } }> };
    const opengid = res.list?.[0]?.data?.opengid;
    return typeof opengid === 'string' && opengid ? opengid : null;
  } catch {
    return null;
  }
}

/** Plausibly of the building: a confirmed resident or its 楼栋长 (grants in force only). */
const livesIn = (principal: LoadedPrincipal, buildingId: string) =>
  principal.grants.some((g) => (g.role === 'resident' || g.role === 'building_head') && g.scopeId === buildingId);

/**
 * A share card opened inside a group: the CloudID decrypts to the group's opengid. The card's
 * building counts only when the card carries the share token issued for it (a 楼栋长's share
 * task; share-token.ts), never because a client named it. A group not known yet is bound to that
 * building the first time (if that building's group has no opengid) and only when the opener
 * lives there; who bound it is recorded, staff can unbind it (org.updateGroup). The open is
 * counted once per (announcement, group, person) for the group's building.
 */
async function recordGroupOpen(
  a: AnnouncementDoc,
  principal: LoadedPrincipal,
  cloudId: string,
  card: { buildingId?: string; shareToken?: string },
  now: number,
): Promise<GroupOutcome> {
  const opengid = await opengidOf(cloudId);
  if (!opengid) return { status: 'invalid', bound: false, buildingId: null };
  const cardBuildingId = card.buildingId && isShareToken(a._id, card.buildingId, card.shareToken) ? card.buildingId : undefined;
  const db = database();
  let [group] = await readList<WechatGroup>(db.collection(WECHAT_GROUPS).where({ opengid }).limit(1));
  let bound = false;
  if (!group && cardBuildingId && livesIn(principal, cardBuildingId)) {
    const candidates = await readList<WechatGroup>(db.collection(WECHAT_GROUPS).where({ buildingId: cardBuildingId }).limit(20));
    for (const g of candidates.filter((c) => !c.opengid)) {
      const res = (await db
        .collection(WECHAT_GROUPS)
        .where({ _id: g._id, opengid: null })
        .update({ data: { opengid, boundBy: principal.openid, boundAt: now, updatedAt: now } })) as { stats: { updated: number } };
      if (res.stats.updated === 1) {
        group = { ...g, opengid };
        bound = true;
        break;
      }
    }
    // Raced by another opener binding it: read who won.
    if (!group) [group] = await readList<WechatGroup>(db.collection(WECHAT_GROUPS).where({ opengid }).limit(1));
  }
  const buildingId = group?.buildingId ?? cardBuildingId ?? null;
  if (!buildingId || !(await targetOf(a._id, buildingId))) return { status: 'not_targeted', bound, buildingId };
  const doc: GroupReadDoc = {
    _id: groupReadIdOf(a._id, opengid, principal.openid),
    announcementId: a._id,
    opengid,
    groupId: group?._id ?? null,
    buildingId,
    openid: principal.openid,
    at: now,
  };
  const counted = await countOnce(ANNOUNCEMENT_GROUP_READS, doc, targetIdOf(a._id, buildingId));
  return { status: counted ? 'counted' : 'repeat', bound, buildingId };
}

/**
 * 公告详情. Records the read once per person (a reader counts for 知晓率 as long as they are
 * confirmed in a targeted building, whenever they moved in). `counted` tells whether the reader
 * lives in a targeted building now. `groupCloudId` (from `wx.getGroupEnterInfo` when the card
 * was opened in a group) and `buildingId` (from the card's path) count the group open.
 */
export async function detail(
  principal: LoadedPrincipal,
  input: { id: string; groupCloudId?: string; buildingId?: string; shareToken?: string },
  now: number,
): Promise<DetailView> {
  const a = await getAnnouncement(input.id);
  if (!isOut(a)) {
    // Drafts are visible to the people who may manage them only (preview).
    const units = await findOrgUnits(a.targets);
    if (!units.every((u) => mayWatch(principal, u))) throw new DomainError(ErrorCode.NotFound, '找不到这条公告');
    return { ...viewOf(a), read: false, counted: false, group: null };
  }
  requirePermission(principal, 'announcement.read', { ownerOpenid: principal.openid });
  const home = confirmedBuilding(principal);
  const countedBuilding = home && (await targetOf(a._id, home)) ? home : null;
  const doc: ReadDoc = {
    _id: readIdOf(a._id, principal.openid),
    announcementId: a._id,
    openid: principal.openid,
    buildingId: countedBuilding,
    via: input.groupCloudId ? 'group' : 'feed',
    at: now,
  };
  const first = await insertOnce(ANNOUNCEMENT_READS, doc);
  const group = input.groupCloudId ? await recordGroupOpen(a, principal, input.groupCloudId, input, now) : null;
  return { ...viewOf(a), read: true, firstRead: first, counted: countedBuilding !== null, group };
}

/** The announcement's target rows the caller may watch (staff in scope); refuses when none. */
async function watchedTargets(
  principal: LoadedPrincipal,
  a: AnnouncementDoc,
  read?: { units: OrgUnit[]; rows: AnnouncementTargetDoc[] },
  knownUnits?: OrgUnit[],
): Promise<AnnouncementTargetDoc[]> {
  const [units, rows] = read
    ? [read.units, read.rows]
    : await Promise.all([
        knownUnits ?? findOrgUnits(a.targets),
        readAll<AnnouncementTargetDoc>((skip) =>
          database().collection(ANNOUNCEMENT_TARGETS).where({ announcementId: a._id }).orderBy('buildingId', 'asc').skip(skip).limit(1000),
        ),
      ]);
  const allowedTargets = units.filter((u) => mayWatch(principal, u));
  if (allowedTargets.length === units.length) return rows;
  // Partly in scope (e.g. a subdistrict-wide notice seen by one station): its own buildings only.
  const grants = principal.grants.filter((g) => ['station_staff', 'institute_staff', 'admin'].includes(g.role)).map((g) => g.scopeId);
  const mine = rows.filter((r) => grants.includes(r.communityId) || grants.includes(r.estateId) || grants.includes(r.buildingId));
  if (mine.length === 0) {
    // Let the policy say why (forbidden or out of scope).
    const first = units[0];
    if (first) requirePermission(principal, 'announcement.awareness', { orgPath: orgPathOf(first) });
    throw new DomainError(ErrorCode.OutOfScope, '超出您负责的范围');
  }
  return mine;
}

/**
 * The targeted buildings' rows with their estates and communities folded in: one request while
 * an announcement targets fewer than 1000 buildings (a larger one reads its rows by pages and
 * the parents apart).
 */
async function targetsWithParents(announcementId: string): Promise<{ rows: AnnouncementTargetDoc[]; parents: OrgUnit[] }> {
  const db = database();
  const res = (await db
    .collection(ANNOUNCEMENT_TARGETS)
    .aggregate()
    .match({ announcementId })
    .limit(1000)
    .lookup({ from: ORG_UNITS, localField: 'estateId', foreignField: '_id', as: 'estate_' })
    .lookup({ from: ORG_UNITS, localField: 'communityId', foreignField: '_id', as: 'community_' })
    .end()) as { list: (AnnouncementTargetDoc & { estate_?: OrgUnit[]; community_?: OrgUnit[] })[] };
  if (res.list.length < 1000) {
    const parents = new Map<string, OrgUnit>();
    const rows = res.list.map(({ estate_, community_, ...row }) => {
      for (const u of [...(estate_ ?? []), ...(community_ ?? [])]) parents.set(u._id, u);
      return row as AnnouncementTargetDoc;
    });
    rows.sort((x, y) => (x.buildingId < y.buildingId ? -1 : x.buildingId > y.buildingId ? 1 : 0));
    return { rows, parents: [...parents.values()] };
  }
  const rows = await readAll<AnnouncementTargetDoc>((skip) =>
    db.collection(ANNOUNCEMENT_TARGETS).where({ announcementId }).orderBy('buildingId', 'asc').skip(skip).limit(1000),
  );
  return { rows, parents: await findOrgUnits([...new Set(rows.flatMap((r) => [r.estateId, r.communityId]))]) };
}

/**
 * 知晓率 per 楼栋, rolled up per 小区 and 社区, with group-card opens per building: the targeted
 * buildings as published, their residents and readers as they are now (announce.awareness.ts).
 * About five requests: the announcement with its targets and the caller, the rows with their
 * parents, then the residents, the readers and the households (server/grid/reach.ts).
 */
export async function awareness(actor: Actor, input: { id: string }): Promise<AwarenessView> {
  const [{ a, units, principal }, targets] = await Promise.all([readAnnouncementFor(actor, input.id), targetsWithParents(input.id)]);
  const rows = await watchedTargets(principal, a, { units, rows: targets.rows });
  const watched = new Set(rows.map((r) => r.buildingId));
  const parents = targets.parents.filter((u) => rows.some((r) => r.estateId === u._id || r.communityId === u._id));
  // 敲门: the same buildings by household — read in the app, told at the door, and the union.
  const { residents, readers, households } = await announcementReachOf(a._id, [...watched]);
  const names = new Map(parents.map((u) => [u._id, u.name]));
  const order = new Map(parents.map((u) => [u._id, u.order]));
  const live = rows.map((r) => ({ ...r, residents: residents.get(r.buildingId) ?? 0, readers: readers.get(r.buildingId) ?? 0 }));
  return { id: a._id, title: a.title, ...rollUpAwareness(live, names, order), households };
}

/**
 * 发送进度 per channel: planned (total), done, pending, failed, no_grant. Two requests, side by
 * side: the announcement with its targeted units and the caller, and one grouped count of its
 * deliveries by channel and state (through the announcementId index) — instead of a count per
 * channel and state (28). The page polls it while a large announcement is still being planned.
 */
export async function progress(actor: Actor, input: { id: string }): Promise<ProgressView> {
  const db = database();
  const $ = db.command.aggregate;
  const [{ a, units, principal }, grouped] = await Promise.all([
    readAnnouncementFor(actor, input.id),
    db
      .collection(ANNOUNCEMENT_DELIVERIES)
      .aggregate()
      .match({ announcementId: input.id })
      .group({ _id: { channel: '$channel', state: '$state' }, n: $.sum(1) })
      .limit(1000)
      .end() as Promise<{ list: { _id: { channel: Channel; state: DeliveryState }; n: number }[] }>,
  ]);
  // Staff wholly in scope need no target rows; one partly in scope is checked against them.
  if (!units.every((u) => mayWatch(principal, u))) await watchedTargets(principal, a, undefined, units);
  const count = (channel: Channel, ...states: DeliveryState[]) =>
    grouped.list.reduce((n, row) => (row._id.channel === channel && states.includes(row._id.state) ? n + row.n : n), 0);
  const channels = {} as Record<Channel, { planned: number; sent: number; pending: number; failed: number; noGrant: number }>;
  for (const channel of CHANNELS) {
    channels[channel] = {
      planned: grouped.list.reduce((n, row) => (row._id.channel === channel ? n + row.n : n), 0),
      sent: count(channel, DONE_STATE[channel]),
      pending: count(channel, 'planned', 'sending'),
      failed: count(channel, 'failed'),
      noGrant: count(channel, 'no_grant'),
    };
  }
  return { id: a._id, state: a.state, buildings: a.buildingIds.length, plannedBuildings: a.planCursor, channels };
}

/** 转发任务 of a building head: one per (announcement, building), newest first, with the share card's path. */
export async function shareTasks(principal: LoadedPrincipal, input: { cursor?: string }): Promise<AnnouncePage<ShareTask>> {
  const buildings = principal.grants.filter((g) => g.role === 'building_head').map((g) => g.scopeId);
  if (buildings.length === 0) throw new DomainError(ErrorCode.Forbidden, '只有楼栋长有转发任务');
  const db = database();
  const _ = db.command;
  const before = input.cursor === undefined ? undefined : Number(input.cursor);
  const where: Record<string, unknown> = { recipient: principal.openid, channel: 'share_task' };
  if (before !== undefined && Number.isFinite(before)) where.createdAt = _.lt(before);
  const rows = await readList<DeliveryDoc>(
    db.collection(ANNOUNCEMENT_DELIVERIES).where(where).orderBy('createdAt', 'desc').limit(FEED_PAGE),
  );
  const ids = [...new Set(rows.map((r) => r.announcementId))];
  const anns = ids.length
    ? await readList<AnnouncementDoc>(
        db
          .collection(ANNOUNCEMENTS)
          .where({ _id: _.in(ids) })
          .limit(FEED_PAGE),
      )
    : [];
  const byId = new Map(anns.map((x) => [x._id, x]));
  const items = rows.flatMap((r) => {
    const a = byId.get(r.announcementId);
    if (!a) return [];
    requirePermission(principal, 'announcement.share', { orgPath: [r.buildingId] });
    return [
      {
        announcementId: a._id,
        title: a.title,
        category: a.category,
        coverFileId: a.coverFileId,
        buildingId: r.buildingId,
        path: detailPathOf(a._id, r.buildingId),
        shareToken: shareTokenOf(a._id, r.buildingId),
        state: r.state,
        publishedAt: a.publishedAt,
      },
    ];
  });
  return { items, nextCursor: rows.length === FEED_PAGE ? String(rows[rows.length - 1]?.createdAt) : null };
}

/**
 * 未读住户 of one building, for 敲门: households (rooms) where no resident has read it, masked
 * names. Residents and readers are counted as the awareness report counts them (audience.ts).
 */
export async function unread(principal: LoadedPrincipal, input: { id: string; buildingId: string }): Promise<UnreadView> {
  const a = await getAnnouncement(input.id);
  const building = await getOrgUnit(input.buildingId, 'building');
  requirePermission(principal, 'announcement.unread', { orgPath: orgPathOf(building) });
  if (!a.buildingIds.includes(building._id)) throw new DomainError(ErrorCode.NotFound, '这条公告没有推送到这个楼栋');
  const residents = await readAll<UserProfile>((skip) =>
    database()
      .collection(USERS)
      .where({ binding: 'confirmed', buildingId: building._id })
      .orderBy('_id', 'asc')
      .field({ _id: true, displayName: true, room: true })
      .skip(skip)
      .limit(1000),
  );
  const readers = await readersAmong(
    a._id,
    residents.map((u) => u._id),
  );
  return {
    id: a._id,
    buildingId: building._id,
    buildingName: building.name,
    residents: residents.length,
    readers: readers.size,
    households: unreadHouseholds(
      residents.map((u) => ({ openid: u._id, room: u.room, displayName: u.displayName })),
      readers,
    ),
  };
}
