/**
 * wx-server-sdk types `get()` with its callback overloads (`string | void | IQueryResult`);
 * every list read goes through here so call sites stay typed and simple.
 */
export async function readList<T>(query: { get(): unknown }): Promise<T[]> {
  const result = (await query.get()) as { data: T[] };
  return result.data;
}
