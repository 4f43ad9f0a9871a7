import { database } from './wx-cloud';

/**
 * wx-server-sdk types `get()` with its callback overloads (`string | void | IQueryResult`);
 * every list read goes through here so call sites stay typed and simple.
 */
export async function readList<T>(query: { get(): unknown }): Promise<T[]> {
  const result = (await query.get()) as { data: T[] };
  return result.data;
}

/**
 * One document by `_id`, or null. A `where` read rather than `doc().get()`, which fails on a
 * missing document instead of answering nothing.
 */
export async function readById<T>(collection: string, id: string): Promise<T | null> {
  const [doc] = await readList<T>(database().collection(collection).where({ _id: id }).limit(1));
  return doc ?? null;
}

/** The server answers at most 1000 documents per read (WeChat Cloud's cap for functions). */
export const READ_PAGE = 1000;

/**
 * Every matching document, page by page: `build(skip)` must apply `.skip(skip).limit(READ_PAGE)`
 * (and a stable order) to the query.
 */
export async function readAll<T>(build: (skip: number) => { get(): unknown }): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += READ_PAGE) {
    const page = await readList<T>(build(skip));
    out.push(...page);
    if (page.length < READ_PAGE) return out;
  }
}
