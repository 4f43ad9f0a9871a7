import { ANNOUNCEMENT_READS, USERS } from '../../database/collections';
import { type ReaderBinding, readersByBuilding } from '../../src/domain/announce/announce.awareness';
import { readIdOf } from '../../src/domain/announce/announce.rules';
import type { ReadDoc } from '../../src/domain/announce/announce.types';
import type { UserProfile } from '../../src/domain/identity/role';
import { READ_PAGE, readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';

/**
 * The live side of 知晓率 (see announce.awareness.ts for who counts): residents confirmed in a
 * building now, and which of them have read an announcement. Both the awareness report and the
 * 未读住户 list count through here, so their numbers agree.
 */

/** Buildings per aggregate: each yields at most one group per building. */
const GROUP_CHUNK = 500;

/** Confirmed residents per building now: one aggregate (index binding_1_buildingId_1) per 500 buildings. */
export async function residentsByBuilding(buildingIds: readonly string[]): Promise<Map<string, number>> {
  const db = database();
  const _ = db.command;
  const $ = _.aggregate;
  const out = new Map<string, number>();
  const chunks: string[][] = [];
  for (let i = 0; i < buildingIds.length; i += GROUP_CHUNK) chunks.push(buildingIds.slice(i, i + GROUP_CHUNK));
  await Promise.all(
    chunks.map(async (chunk) => {
      const res = (await db
        .collection(USERS)
        .aggregate()
        .match({ binding: 'confirmed', buildingId: _.in(chunk) })
        .group({ _id: '$buildingId', residents: $.sum(1) })
        .limit(GROUP_CHUNK)
        .end()) as { list: { _id: string; residents: number }[] };
      for (const g of res.list) out.set(g._id, g.residents);
    }),
  );
  return out;
}

/** Current bindings of some people (by openid), 1000 per read. */
async function bindingsOf(openids: readonly string[]): Promise<ReaderBinding[]> {
  const _ = database().command;
  const pages: Promise<Pick<UserProfile, '_id' | 'buildingId' | 'binding'>[]>[] = [];
  for (let i = 0; i < openids.length; i += READ_PAGE)
    pages.push(
      readList(
        database()
          .collection(USERS)
          .where({ _id: _.in(openids.slice(i, i + READ_PAGE)) })
          .field({ _id: true, buildingId: true, binding: true })
          .limit(READ_PAGE),
      ),
    );
  return (await Promise.all(pages)).flat().map((u) => ({ openid: u._id, buildingId: u.buildingId, binding: u.binding }));
}

/**
 * Walks an announcement's readers a page at a time: the read ledger's keys are
 * `${announcementId}:${openid}`, so this announcement's rows are one `_id` range (':' < ';'),
 * walked in key order without sorting all of them.
 */
export async function forEachReaderPage(announcementId: string, visit: (openids: string[]) => Promise<void>): Promise<void> {
  const _ = database().command;
  const end = readIdOf(announcementId, '').replace(/:$/, ';');
  let after = readIdOf(announcementId, '');
  for (;;) {
    const page = await readList<Pick<ReadDoc, '_id' | 'openid'>>(
      database()
        .collection(ANNOUNCEMENT_READS)
        .where({ announcementId, _id: _.gt(after).and(_.lt(end)) })
        .orderBy('_id', 'asc')
        .field({ _id: true, openid: true })
        .limit(READ_PAGE),
    );
    if (page.length > 0) await visit(page.map((r) => r.openid));
    if (page.length < READ_PAGE) break;
    after = page[page.length - 1]?._id ?? after;
  }
}

/**
 * Readers per building: everybody who opened the announcement (the read ledger), placed in the
 * building they are confirmed in now. The cost follows the readers, not
 * the residents of the targets.
 */
export async function readersPerBuilding(announcementId: string, buildingIds: ReadonlySet<string>): Promise<Map<string, number>> {
  const readers: ReaderBinding[] = [];
  await forEachReaderPage(announcementId, async (openids) => {
    readers.push(...(await bindingsOf(openids)));
  });
  return readersByBuilding(readers, buildingIds);
}

/** Which of `openids` have read the announcement (the ledger's key is (announcement, reader)). */
export async function readersAmong(announcementId: string, openids: readonly string[]): Promise<Set<string>> {
  const _ = database().command;
  const pages: Promise<Pick<ReadDoc, 'openid'>[]>[] = [];
  for (let i = 0; i < openids.length; i += READ_PAGE)
    pages.push(
      readList(
        database()
          .collection(ANNOUNCEMENT_READS)
          .where({ _id: _.in(openids.slice(i, i + READ_PAGE).map((o) => readIdOf(announcementId, o))) })
          .field({ openid: true })
          .limit(READ_PAGE),
      ),
    );
  return new Set((await Promise.all(pages)).flat().map((r) => r.openid));
}
