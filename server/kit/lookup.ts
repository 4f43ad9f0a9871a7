import { database } from './wx-cloud';

/** `db.command.aggregate.pipeline()`, the sub-pipeline builder `$lookup` takes (missing from the SDK's typings). */
interface LookupPipeline {
  match(query: object): LookupPipeline;
  limit(n: number): LookupPipeline;
  done(): unknown;
}

/**
 * A `$lookup` stage that folds in the documents of `from` matching `query` (at most `limit`, one
 * by default) as `as`: how one aggregate reads a document together with the few others a step
 * needs (the caller's record, a team, a counter) in a single database request.
 */
export function lookupWhere(from: string, query: object, as: string, limit = 1): { from: string; pipeline: unknown; as: string } {
  const $ = database().command.aggregate as unknown as { pipeline(): LookupPipeline };
  return { from, pipeline: $.pipeline().match(query).limit(limit).done(), as };
}
