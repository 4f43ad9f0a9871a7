import { HOURS_LEDGER } from '../../database/collections';
import type { ServiceSessionDoc } from '../../src/domain/service/service.rules';
import { nextTeamRating } from '../../src/domain/service/service-stats.rules';
import { backoffMs } from '../../src/domain/shared/backoff';
import { readById, readList } from '../kit/read-list';
import { isDuplicateKey } from '../kit/tx';
import { database } from '../kit/wx-cloud';
import { NOTIFICATIONS, ORDERS, type OrderEffect, type OrderRecord, SERVICE_SESSIONS, type StepRead, TEAMS } from './order-store';

/**
 * The effects of an order step (notices, service sessions, points, the team's rating) are written
 * on the order in the step's own conditional update (`effects`, `effectsDue`), then applied right
 * away by the step's instance (`applyEffects`, what the caller waits for). An instance lost in
 * between leaves them on the order: the order timer applies them again (`sweepEffects`) and only
 * then clears them. Every application is idempotent, so applying twice changes nothing:
 *  - notices and points are rows with fixed `_id`s (a second insert is a duplicate key);
 *  - a session carries the order version that wrote it and is only overwritten by a newer one;
 *  - a rating goes into the team's average once per order (`ratingKeys`, the last RATING_KEYS
 *    orders rated), through a compare-and-set on `ratingCount` so concurrent raters never lose one.
 * No transaction: one order document changes atomically, and every other write is an effect.
 */

/** A stored session: the order version that wrote it (newer writes win, replays change nothing). */
export type SessionRecord = ServiceSessionDoc & { orderVersion?: number };

type RatedTeam = NonNullable<StepRead['team']>;

/** Orders rated into a team's average that the team remembers (replays of older ones are long done). */
const RATING_KEYS = 50;
/** Rounds a rating waits for concurrent raters of the same team before the timer finishes it. */
const RATING_ROUNDS = 24;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type Updated = { stats: { updated: number } };

/** Rows with fixed ids, inserted once: one request for all of them; a replay skips the ones that exist. */
export async function insertOnce(collection: string, rows: readonly { _id: string }[], verify: boolean): Promise<void> {
  let todo = rows;
  if (todo.length === 0) return;
  if (verify) {
    const _ = database().command;
    const existing = await readList<{ _id: string }>(
      database()
        .collection(collection)
        .where({ _id: _.in(todo.map((r) => r._id)) })
        .field({ _id: true })
        .limit(todo.length),
    );
    const have = new Set(existing.map((r) => r._id));
    todo = todo.filter((r) => !have.has(r._id));
    if (todo.length === 0) return;
  }
  try {
    await database()
      .collection(collection)
      .add({ data: (todo.length === 1 ? todo[0] : [...todo]) as never });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    if (todo.length === 1) return;
    // Some were there (a replay racing the first application): one at a time, skipping those.
    for (const row of todo) {
      try {
        await database().collection(collection).add({ data: row });
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
      }
    }
  }
}

/** A session as of order version `version`: written unless a newer version already wrote it. */
async function putSession(doc: ServiceSessionDoc, version: number, fresh: boolean): Promise<void> {
  const _ = database().command;
  const { _id, ...data } = doc;
  const record = { ...data, orderVersion: version };
  const sessions = database().collection(SERVICE_SESSIONS);
  const update = async (where: Record<string, unknown>) =>
    ((await sessions.where({ _id, ...where }).update({ data: record })) as Updated).stats.updated > 0;
  if (!fresh && (await update({ orderVersion: _.lt(version) }))) return;
  try {
    await sessions.add({ data: { _id, ...record } });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    // It exists: at this version or newer (done), or written before sessions carried a version.
    await update(fresh ? { orderVersion: _.lt(version) } : { orderVersion: _.exists(false) });
  }
}

/** A replay: reads the sessions first and writes only those missing or older than `version`. */
async function replaySessions(docs: readonly ServiceSessionDoc[], version: number): Promise<void> {
  if (docs.length === 0) return;
  const _ = database().command;
  const stored = await readList<SessionRecord>(
    database()
      .collection(SERVICE_SESSIONS)
      .where({ _id: _.in(docs.map((d) => d._id)) })
      .limit(docs.length),
  );
  const byId = new Map(stored.map((s) => [s._id, s]));
  for (const doc of docs) {
    const have = byId.get(doc._id);
    if (have && (have.orderVersion ?? 0) >= version) continue;
    await putSession(doc, version, !have);
  }
}

/** One rating into the team's running average, once per key, never losing a concurrent one. */
async function rateTeam(
  effect: Extract<OrderEffect, { kind: 'team_rating' }>,
  known: RatedTeam | null,
  patient: boolean,
): Promise<boolean> {
  const _ = database().command;
  let team: RatedTeam | null = known && known._id === effect.teamId ? known : null;
  for (let round = 0; round < (patient ? RATING_ROUNDS : 3); round++) {
    team ??= await readById<RatedTeam>(TEAMS, effect.teamId);
    if (!team) return true; // a dissolved team keeps no rating
    const keys = team.ratingKeys ?? [];
    if (keys.includes(effect.key)) return true;
    const res = (await database()
      .collection(TEAMS)
      .where({ _id: team._id, ratingCount: team.ratingCount === undefined ? _.exists(false) : team.ratingCount })
      .update({
        data: { ...nextTeamRating(team, effect.stars), ratingKeys: [...keys.slice(-(RATING_KEYS - 1)), effect.key], updatedAt: effect.at },
      })) as Updated;
    if (res.stats.updated > 0) return true;
    team = null; // another rating landed first: read it and add ours on top
    await sleep(backoffMs(Math.min(round, 3)));
  }
  return false;
}

/**
 * Applies effects (idempotently). `verify`: a replay by the timer, which first looks at what is
 * there instead of writing blindly. Answers false when a rating is still waiting for its team.
 */
export async function applyEffects(
  effects: readonly OrderEffect[],
  opts: { verify?: boolean; team?: RatedTeam | null } = {},
): Promise<boolean> {
  const verify = opts.verify === true;
  // Sessions: only the newest write of each counts (every effect carries the whole session), applied one by one.
  const newest = new Map<string, { doc: ServiceSessionDoc; version: number; fresh: boolean }>();
  for (const e of effects) {
    if (e.kind !== 'sessions') continue;
    for (const doc of e.docs) {
      const seen = newest.get(doc._id);
      if (!seen || seen.version < e.version) newest.set(doc._id, { doc, version: e.version, fresh: e.fresh === true && !seen });
    }
  }
  const sessions = async () => {
    if (verify) {
      for (const [version, docs] of groupByVersion([...newest.values()])) await replaySessions(docs, version);
    } else {
      for (const { doc, version, fresh } of newest.values()) await putSession(doc, version, fresh);
    }
  };
  const done = await Promise.all([
    sessions().then(() => true),
    ...effects.map(async (e) => {
      switch (e.kind) {
        case 'notices':
          await insertOnce(NOTIFICATIONS, e.rows, verify);
          return true;
        case 'hours':
          await insertOnce(HOURS_LEDGER, e.rows, verify);
          return true;
        case 'sessions':
          return true; // above
        case 'team_rating':
          return rateTeam(e, opts.team ?? null, !verify);
      }
    }),
  ]);
  return done.every(Boolean);
}

function groupByVersion(items: readonly { doc: ServiceSessionDoc; version: number }[]): Map<number, ServiceSessionDoc[]> {
  const out = new Map<number, ServiceSessionDoc[]>();
  for (const { doc, version } of items) out.set(version, [...(out.get(version) ?? []), doc]);
  return out;
}

/** Orders whose effects the timer checks per run; the next run takes the rest. */
const EFFECTS_BATCH = 100;
/** Effects younger than this are still being applied by their step's instance. */
const EFFECTS_GRACE_MS = 60_000;

/**
 * The order timer's part: effects of steps at least EFFECTS_GRACE_MS old that are not yet
 * confirmed applied are applied again (a no-op when the step's instance did it) and cleared,
 * unless the order moved on meanwhile (a step, or the 回头看 prompt's write, which keeps the
 * version but not `effectsAt`): then the next run sees them with the newer ones.
 */
export async function sweepEffects(now: number): Promise<number> {
  const _ = database().command;
  const due = await readList<OrderRecord>(
    database()
      .collection(ORDERS)
      .where({ effectsDue: true, effectsAt: _.lt(now - EFFECTS_GRACE_MS) })
      .orderBy('effectsAt', 'asc')
      .limit(EFFECTS_BATCH),
  );
  let cleared = 0;
  for (const order of due) {
    if (!(await applyEffects(order.effects ?? [], { verify: true }))) continue;
    const res = (await database()
      .collection(ORDERS)
      .where({ _id: order._id, version: order.version, effectsDue: true, effectsAt: order.effectsAt })
      .update({ data: { effectsDue: false, effects: [] } })) as Updated;
    cleared += res.stats.updated;
  }
  return cleared;
}
