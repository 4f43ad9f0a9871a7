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
export const PLAN_CHUNK_BUILDINGS = 32;

/**
 * Residents asked for per read: below the server's 1000 so that a building group estimated at
 * this size is one read (no `skip` paging, which re-walks what earlier pages answered), with room
 * for residents confirmed since the estimate.
 */
const RESIDENTS_PER_READ = 800;

/**
 * The chunk's buildings in groups of about RESIDENTS_PER_READ residents, by the residents per
 * building seen so far in this run (none yet: one group, paged).
 */
function residentGroups(buildingIds: string[], perBuilding: number | null): string[][] {
  const size = perBuilding === null ? buildingIds.length : Math.max(1, Math.floor(RESIDENTS_PER_READ / Math.max(1, perBuilding)));
  const out: string[][] = [];
  for (let i = 0; i < buildingIds.length; i += size) out.push(buildingIds.slice(i, i + size));
  return out;
}

async function loadChunk(buildingIds: string[], perBuilding: number | null) {
  const db = database();
  const _ = db.command;
  const inChunk = _.in(buildingIds);
  const [units, residents, groups, grants] = await Promise.all([
    findOrgUnits(buildingIds),
    // One read per group of buildings, all at once; a group beyond 1000 residents pages on.
    Promise.all(
      residentGroups(buildingIds, perBuilding).map((ids) =>
        readAll<PlanResident>((skip) =>
          db
            .collection(USERS)
            .where({ binding: 'confirmed', buildingId: _.in(ids) })
            .field({ _id: true, buildingId: true, binding: true })
            .skip(skip)
            .limit(1000),
        ),
      ),
    ).then((pages) => pages.flat()),
    readAll<WechatGroup>((skip) =>
      db
        .collection(WECHAT_GROUPS)
        .where({ buildingId: inChunk })
        .field({ _id: true, buildingId: true, robotWebhookKey: true })
        .skip(skip)
        .limit(1000),
    ),
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
  // Plain literals of one shape (not spreads): ~200,000 of them at a subdistrict's scale, built and
  // serialised by the SDK in a few seconds less CPU.
  const row = plannedRow(now);
  const rows = planned.map(
    (p): DeliveryDoc => ({
      _id: p._id,
      channel: p.channel,
      recipient: p.recipient,
      buildingId: p.buildingId,
      announcementId: a._id,
      state: row.state,
      attempts: row.attempts,
      nextAttemptAt: row.nextAttemptAt,
      leaseUntil: row.leaseUntil,
      claimToken: row.claimToken,
      calledAt: row.calledAt,
      lastError: row.lastError,
      doneAt: row.doneAt,
      createdAt: row.createdAt,
    }),
  );
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
 * re-planned after a crash produce the same keys, so nothing is doubled). `known`: the document as
 * the caller just wrote it; a planner that moved the cursor meanwhile makes this run's first
 * cursor step miss, and the run stops there.
 */
export async function planAnnouncement(id: string, now: number, budgetMs: number, known?: AnnouncementDoc): Promise<PlanRunResult> {
  const started = Date.now();
  const _ = database().command;
  const token = randomBytes(12).toString('hex');
  const claimed = await cas(
    ANNOUNCEMENTS,
    { _id: id, state: 'publishing', planLeaseUntil: _.lte(now) },
    { planToken: token, planLeaseUntil: now + LEASE_MS },
  );
  if (!claimed) return { announcementId: id, buildings: 0, done: false };
  // The publish call passes the document its own compare-and-set just wrote (cursor 0).
  const a = known ?? (await getAnnouncement(id));
  let buildings = 0;
  // Residents per building seen in this run: later chunks read them in groups of one read each.
  const seen = { residents: 0, buildings: 0 };
  const perBuilding = () => (seen.buildings === 0 ? null : seen.residents / seen.buildings);
  const sliceAt = (at: number) => a.buildingIds.slice(at, at + PLAN_CHUNK_BUILDINGS);
  // Reads of the next chunk overlap the writes of this one.
  const prefetch = (at: number) => {
    const p = loadChunk(sliceAt(at), perBuilding());
    p.catch(() => undefined);
    return p;
  };
  /*
   * Chunk k's rows are written while chunk k-1's writes finish and its cursor step is made. The
   * cursor steps in order, each only once its own chunk's rows are all written, so it never passes
   * an unwritten row; rows written ahead of a lost lease have the keys the next planner writes
   * anyway (insertIdempotent), and only the lease holder's cursor step counts them.
   */
  let committed: Promise<boolean> = Promise.resolve(true);
  let at = a.planCursor;
  let next: Promise<ChunkData> | null = at < a.buildingIds.length ? prefetch(at) : null;
  while (next && at < a.buildingIds.length) {
    if (Date.now() - started > budgetMs) break;
    const chunk = sliceAt(at);
    const data = await next;
    seen.residents += data.residents.length;
    seen.buildings += chunk.length;
    next = at + chunk.length < a.buildingIds.length ? prefetch(at + chunk.length) : null;
    const from = at;
    const written = planChunk(a, data, now);
    written.catch(() => undefined);
    const previous = committed;
    committed = previous.then(async (ok) => {
      if (!ok) return false;
      const counts = await written;
      const moved = await cas(
        ANNOUNCEMENTS,
        { _id: id, planToken: token, planCursor: from },
        {
          planCursor: from + chunk.length,
          planLeaseUntil: now + (Date.now() - started) + LEASE_MS,
          'planned.feed': _.inc(counts.feed),
          'planned.subscribe': _.inc(counts.subscribe),
          'planned.robot': _.inc(counts.robot),
          'planned.share_task': _.inc(counts.share_task),
          updatedAt: now,
        },
      );
      if (moved) buildings += chunk.length;
      return moved;
    });
    committed.catch(() => undefined);
    at += chunk.length;
    // At most two chunks in flight: this one's writes and the one before it.
    if (!(await previous)) break;
  }
  // The lease was lost (another planner holds it now): its holder finishes.
  if (!(await committed)) return { announcementId: id, buildings, done: false };
  // Every chunk before `at` is committed: the cursor is `at`.
  const done = at >= a.buildingIds.length;
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
