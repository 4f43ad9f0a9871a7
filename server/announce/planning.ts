import { randomBytes } from 'node:crypto';
import {
  ANNOUNCE_SUBSCRIBE_GRANTS,
  ANNOUNCEMENT_DELIVERIES,
  ANNOUNCEMENT_TARGETS,
  ANNOUNCEMENTS,
  USERS,
  WECHAT_GROUPS,
} from '../../database/collections';
import { countByChannel, type PlanResident, planDeliveries } from '../../src/domain/announce/announce.planner';
import { LEASE_MS, targetIdOf } from '../../src/domain/announce/announce.rules';
import type {
  AnnouncementDoc,
  AnnouncementTargetDoc,
  Channel,
  DeliveryDoc,
  SubscribeGrantDoc,
} from '../../src/domain/announce/announce.types';
import type { BuildingUnit, WechatGroup } from '../../src/domain/org/org.types';
import { plannedRow } from '../../src/domain/shared/outbox';
import { readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { findOrgUnits } from '../org/org-units';
import { cas, getAnnouncement, insertIdempotent, readAll } from './announce-store';

/** Buildings planned per step: a step's reads and writes stay a few thousand documents. */
export const PLAN_CHUNK_BUILDINGS = 16;

async function loadChunk(buildingIds: string[]) {
  const db = database();
  const _ = db.command;
  const inChunk = _.in(buildingIds);
  const [units, residents, groups, grants] = await Promise.all([
    findOrgUnits(buildingIds),
    readAll<PlanResident>((skip) =>
      db
        .collection(USERS)
        .where({ binding: 'confirmed', buildingId: inChunk })
        .field({ _id: true, buildingId: true, binding: true })
        .skip(skip)
        .limit(1000),
    ),
    readAll<WechatGroup>((skip) => db.collection(WECHAT_GROUPS).where({ buildingId: inChunk }).skip(skip).limit(1000)),
    readAll<SubscribeGrantDoc>((skip) =>
      db
        .collection(ANNOUNCE_SUBSCRIBE_GRANTS)
        .where({ buildingId: inChunk, remaining: _.gt(0) })
        .field({ _id: true })
        .skip(skip)
        .limit(1000),
    ),
  ]);
  return { buildings: units.filter((u): u is BuildingUnit => u.kind === 'building'), residents, groups, grants };
}

type ChunkData = Awaited<ReturnType<typeof loadChunk>>;

/** Plans one chunk of buildings: outbox rows and target rows, written idempotently. */
async function planChunk(a: AnnouncementDoc, data: ChunkData, now: number): Promise<Record<Channel, number>> {
  const { buildings, residents, groups, grants } = data;
  const planned = planDeliveries({
    announcementId: a._id,
    buildings,
    residents,
    groups,
    granted: new Set(grants.map((g) => g._id)),
  });
  const rows: DeliveryDoc[] = planned.map((p) => ({
    ...p,
    announcementId: a._id,
    ...plannedRow(now),
  }));
  const residentsOf = new Map<string, number>();
  for (const r of residents) if (r.buildingId) residentsOf.set(r.buildingId, (residentsOf.get(r.buildingId) ?? 0) + 1);
  const targets: AnnouncementTargetDoc[] = buildings.map((b) => ({
    _id: targetIdOf(a._id, b._id),
    announcementId: a._id,
    buildingId: b._id,
    buildingName: b.name,
    estateId: b.parentId,
    communityId: b.path[1] ?? '',
    publishedAt: a.publishedAt ?? now,
    residents: residentsOf.get(b._id) ?? 0,
    groupReads: 0,
  }));
  // Batches of ≤1000 rows, a few in flight at once.
  const batches: DeliveryDoc[][] = [];
  for (let i = 0; i < rows.length; i += 1000) batches.push(rows.slice(i, i + 1000));
  await Promise.all([...batches.map((b) => insertIdempotent(ANNOUNCEMENT_DELIVERIES, b)), insertIdempotent(ANNOUNCEMENT_TARGETS, targets)]);
  return countByChannel(planned);
}

export interface PlanRunResult {
  announcementId: string;
  /** Buildings planned in this run. */
  buildings: number;
  done: boolean;
}

/**
 * Plans an announcement in `publishing` state, chunk by chunk, for at most `budgetMs` of real time.
 * The run holds a lease (planToken, planLeaseUntil): a second planner does not take a live
 * one's work; a crashed one's lease runs out and the next run resumes at `planCursor` (chunks
 * re-planned after a crash produce the same keys, so nothing is doubled).
 */
export async function planAnnouncement(id: string, now: number, budgetMs: number): Promise<PlanRunResult> {
  const started = Date.now();
  const _ = database().command;
  const token = randomBytes(12).toString('hex');
  const claimed = await cas(
    ANNOUNCEMENTS,
    { _id: id, state: 'publishing', planLeaseUntil: _.lte(now) },
    { planToken: token, planLeaseUntil: now + LEASE_MS },
  );
  if (!claimed) return { announcementId: id, buildings: 0, done: false };
  let a = await getAnnouncement(id);
  let cursor = a.planCursor;
  let buildings = 0;
  const sliceAt = (at: number) => a.buildingIds.slice(at, at + PLAN_CHUNK_BUILDINGS);
  // Reads of the next chunk overlap the writes of this one.
  const prefetch = (at: number) => {
    const p = loadChunk(sliceAt(at));
    p.catch(() => undefined);
    return p;
  };
  let next: Promise<ChunkData> | null = cursor < a.buildingIds.length ? prefetch(cursor) : null;
  while (next && cursor < a.buildingIds.length) {
    if (Date.now() - started > budgetMs) break;
    const chunk = sliceAt(cursor);
    const data = await next;
    next = cursor + chunk.length < a.buildingIds.length ? prefetch(cursor + chunk.length) : null;
    const counts = await planChunk(a, data, now);
    const elapsed = Date.now() - started;
    const moved = await cas(
      ANNOUNCEMENTS,
      { _id: id, planToken: token, planCursor: cursor },
      {
        planCursor: cursor + chunk.length,
        planLeaseUntil: now + elapsed + LEASE_MS,
        'planned.feed': _.inc(counts.feed),
        'planned.subscribe': _.inc(counts.subscribe),
        'planned.robot': _.inc(counts.robot),
        'planned.share_task': _.inc(counts.share_task),
        updatedAt: now,
      },
    );
    if (!moved) return { announcementId: id, buildings, done: false };
    cursor += chunk.length;
    buildings += chunk.length;
  }
  a = await getAnnouncement(id);
  const done = a.planCursor >= a.buildingIds.length;
  await cas(
    ANNOUNCEMENTS,
    { _id: id, planToken: token },
    done ? { state: 'published', planToken: null, planLeaseUntil: 0, updatedAt: now } : { planToken: null, planLeaseUntil: 0 },
  );
  return { announcementId: id, buildings, done };
}

/** Resumes announcements still being planned (timer): those whose planner is not live. */
export async function resumePlanning(now: number, budgetMs: number): Promise<PlanRunResult[]> {
  const _ = database().command;
  const open = await readList<AnnouncementDoc>(
    database()
      .collection(ANNOUNCEMENTS)
      .where({ state: 'publishing', planLeaseUntil: _.lte(now) })
      .field({ _id: true })
      .limit(20),
  );
  const started = Date.now();
  const out: PlanRunResult[] = [];
  for (const a of open) {
    const left = budgetMs - (Date.now() - started);
    if (left <= 0) break;
    out.push(await planAnnouncement(a._id, now, left));
  }
  return out;
}
