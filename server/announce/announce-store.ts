import { ANNOUNCEMENTS, ORG_UNITS } from '../../database/collections';
import type { AnnouncementDoc } from '../../src/domain/announce/announce.types';
import type { UserProfile } from '../../src/domain/identity/role';
import type { OrgUnit } from '../../src/domain/org/org.types';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { Actor } from '../kit/actor';
import { callerLookup, type LoadedPrincipal, principalOf } from '../kit/principal';
import { readById, readList } from '../kit/read-list';
import { isDuplicateKey } from '../kit/tx';
import { database } from '../kit/wx-cloud';

export { READ_PAGE, readAll } from '../kit/read-list';

type UpdateResult = { stats: { updated: number } };

/**
 * A conditional update (compare-and-set): true when the filter matched. `updated` counts matched
 * documents on CloudBase (equal content included), so the filter must exclude the state the write
 * leaves behind for a second writer to lose.
 */
export async function cas(collection: string, where: Record<string, unknown>, data: Record<string, unknown>): Promise<boolean> {
  const res = (await database().collection(collection).where(where).update({ data })) as UpdateResult;
  return res.stats.updated >= 1;
}

export async function getAnnouncement(id: string): Promise<AnnouncementDoc> {
  const doc = await readById<AnnouncementDoc>(ANNOUNCEMENTS, id);
  if (!doc) throw new DomainError(ErrorCode.NotFound, '找不到这条公告');
  return doc;
}

/**
 * Inserts documents with deterministic `_id`s so that a repeated write is harmless: one insert
 * call per ≤1000 documents; when a batch collides (a crashed run already wrote part of it), the
 * ids present are read back and only the missing ones are inserted. Returns how many were new.
 */
export async function insertIdempotent(collection: string, docs: readonly { _id: string }[], batch = 1000): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < docs.length; i += batch) {
    const chunk = docs.slice(i, i + batch);
    try {
      await database().collection(collection).add({ data: chunk });
      inserted += chunk.length;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      const _ = database().command;
      const present = new Set(
        (
          await readList<{ _id: string }>(
            database()
              .collection(collection)
              .where({ _id: _.in(chunk.map((d) => d._id)) })
              .field({ _id: true })
              .limit(1000),
          )
        ).map((d) => d._id),
      );
      for (const doc of chunk.filter((d) => !present.has(d._id))) {
        try {
          await database().collection(collection).add({ data: doc });
          inserted += 1;
        } catch (e) {
          if (!isDuplicateKey(e)) throw e;
        }
      }
    }
  }
  return inserted;
}

/** Inserts one document; false when its `_id` exists already. */
export async function insertOnce(collection: string, doc: { _id: string }): Promise<boolean> {
  try {
    await database().collection(collection).add({ data: doc });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/** The announcement with its targeted units and the caller's `users` record, in one request (NOT_FOUND when there is none). */
export async function readAnnouncementFor(
  actor: Actor,
  id: string,
): Promise<{ a: AnnouncementDoc; units: OrgUnit[]; principal: LoadedPrincipal }> {
  const res = (await database()
    .collection(ANNOUNCEMENTS)
    .aggregate()
    .match({ _id: id })
    .limit(1)
    .lookup({ from: ORG_UNITS, localField: 'targets', foreignField: '_id', as: 'units_' })
    .lookup(callerLookup(actor))
    .end()) as { list: (AnnouncementDoc & { units_?: OrgUnit[]; caller_?: UserProfile[] })[] };
  const row = res.list[0];
  if (!row) throw new DomainError(ErrorCode.NotFound, '找不到这条公告');
  const { units_, caller_, ...a } = row;
  return { a: a as AnnouncementDoc, units: units_ ?? [], principal: principalOf(actor.openid, caller_?.[0]) };
}
