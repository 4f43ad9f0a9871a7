import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { ZodTypeAny } from 'zod';
import type { FunctionContract } from '../../src/contracts/kit';
import { FILE_ID_SCHEMAS, TEXT_SCHEMAS, TOKEN_SCHEMAS } from '../../src/contracts/schemas';

const CONTRACTS_DIR = path.join(__dirname, '..', '..', 'src', 'contracts');

/** Every contract in src/contracts/*.contract.ts, found on disk (not a hand-picked list). */
export function allContracts(): FunctionContract[] {
  return readdirSync(CONTRACTS_DIR)
    .filter((f) => f.endsWith('.contract.ts'))
    .sort()
    .flatMap((f) => {
      // biome-ignore lint/suspicious/noExplicitAny: a contract module exports its contract under some name
      const mod = require(path.join(CONTRACTS_DIR, f)) as Record<string, any>;
      return Object.values(mod).filter(
        (v): v is FunctionContract => v && typeof v === 'object' && typeof v.name === 'string' && 'actions' in v,
      );
    });
}

export type LeafKind = 'text' | 'fileId' | 'token' | 'pattern' | 'rawString';
export interface Leaf {
  fn: string;
  action: string;
  /** Where in the input: `title`, `photos[]`, `answers{}` (a record's values), `answers{key}`. */
  path: string;
  kind: LeafKind;
  schema: ZodTypeAny;
}

/** The string fields of one schema, classified: free text, file ids, opaque tokens, pattern-checked, or raw (none of those). */
export function stringLeaves(schema: ZodTypeAny, at = ''): { path: string; kind: LeafKind; schema: ZodTypeAny }[] {
  // biome-ignore lint/suspicious/noExplicitAny: walking zod's internal definitions
  const def = (schema as any)._def;
  if (TEXT_SCHEMAS.has(schema)) return [{ path: at, kind: 'text', schema }];
  if (FILE_ID_SCHEMAS.has(schema)) return [{ path: at, kind: 'fileId', schema }];
  if (TOKEN_SCHEMAS.has(schema)) return [{ path: at, kind: 'token', schema }];
  switch (def.typeName) {
    case 'ZodString':
      return [{ path: at, kind: def.checks.some((c: { kind: string }) => c.kind === 'regex') ? 'pattern' : 'rawString', schema }];
    case 'ZodObject':
      return Object.entries(def.shape() as Record<string, ZodTypeAny>).flatMap(([k, s]) => stringLeaves(s, at ? `${at}.${k}` : k));
    case 'ZodOptional':
    case 'ZodNullable':
    case 'ZodDefault':
    case 'ZodReadonly':
      return stringLeaves(def.innerType, at);
    case 'ZodEffects':
      return stringLeaves(def.schema, at);
    case 'ZodPipeline': {
      // A string normalised first and checked after (in → transform → out): the check on `out` is what guards it.
      const checked = stringLeaves(def.out, at);
      return checked.length > 0 && checked.every((l) => l.kind !== 'rawString') ? checked : stringLeaves(def.in, at);
    }
    case 'ZodArray':
      return stringLeaves(def.type, `${at}[]`);
    case 'ZodRecord':
      return [...stringLeaves(def.keyType, `${at}{key}`), ...stringLeaves(def.valueType, `${at}{}`)];
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion':
      return (def.options as ZodTypeAny[]).flatMap((o) => stringLeaves(o, at));
    default:
      return [];
  }
}

export function contractLeaves(contracts = allContracts()): Leaf[] {
  return contracts.flatMap((c) =>
    Object.entries(c.actions).flatMap(([action, def]) => stringLeaves(def.input).map((l) => ({ fn: c.name, action, ...l }))),
  );
}
