/**
 * Most filters the functions send are a few fields compared with plain values —
 * `{ _id, version }`, `{ orderId, state: { $in: [...] } }`, `{ at: { $gte, $lt } }`. Building a
 * mingo Query for each costs more than the database read itself (mingo copies its whole operator
 * context per Query), so such a filter is answered here directly. Only where the answer is
 * obviously the same as mingo's: the operands are strings, finite numbers, booleans or null, the
 * field paths have no array indexes, and the document holds a plain value (or nothing) at every
 * path. Anything else — an array or a Date in the document, another operator — returns
 * `undefined` from `test`, and the caller asks mingo (tests/unit/local-cloud/simple-filter.test.ts
 * compares the two on random documents).
 */

type Scalar = string | number | boolean | null;
type Check = (value: Scalar | undefined) => boolean;

interface FieldCheck {
  path: readonly string[];
  check: Check;
}

export interface SimpleFilter {
  /** true / false when answered here; undefined when only mingo can say. */
  test(doc: Record<string, unknown>): boolean | undefined;
}

const isScalar = (v: unknown): v is Scalar =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

const equals = (operand: Scalar): Check => (operand === null ? (v) => v === null || v === undefined : (v) => v === operand);

/** Ordered comparisons: mingo compares only values of the same kind (numbers with numbers, strings with strings). */
function ordered(op: string, operand: Scalar): Check | null {
  if (typeof operand !== 'number' && typeof operand !== 'string') return null;
  const kind = typeof operand;
  switch (op) {
    case '$gt':
      return (v) => typeof v === kind && (v as typeof operand) > operand;
    case '$gte':
      return (v) => typeof v === kind && (v as typeof operand) >= operand;
    case '$lt':
      return (v) => typeof v === kind && (v as typeof operand) < operand;
    case '$lte':
      return (v) => typeof v === kind && (v as typeof operand) <= operand;
    default:
      return null;
  }
}

function operatorCheck(op: string, operand: unknown): Check | null {
  switch (op) {
    case '$eq':
      return isScalar(operand) ? equals(operand) : null;
    case '$ne': {
      if (!isScalar(operand)) return null;
      const eq = equals(operand);
      return (v) => !eq(v);
    }
    case '$in':
    case '$nin': {
      if (!Array.isArray(operand) || !operand.every(isScalar)) return null;
      const checks = operand.map(equals);
      const any: Check = (v) => checks.some((c) => c(v));
      return op === '$in' ? any : (v) => !any(v);
    }
    default:
      return isScalar(operand) ? ordered(op, operand) : null;
  }
}

function fieldCheck(condition: unknown): Check | null {
  if (isScalar(condition)) return equals(condition);
  if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) return null;
  if (Object.getPrototypeOf(condition) !== Object.prototype) return null;
  const entries = Object.entries(condition);
  if (entries.length === 0) return null;
  const checks: Check[] = [];
  for (const [op, operand] of entries) {
    const check = operatorCheck(op, operand);
    if (!check) return null;
    checks.push(check);
  }
  return checks.length === 1 ? (checks[0] as Check) : (v) => checks.every((c) => c(v));
}

/** The fast form of a filter, or null when it needs mingo. */
export function compileSimpleFilter(filter: Record<string, unknown>): SimpleFilter | null {
  const fields: FieldCheck[] = [];
  for (const [key, condition] of Object.entries(filter)) {
    if (key.length === 0 || key.startsWith('$')) return null;
    const path = key.split('.');
    // A numeric segment may be an array index; an empty one is malformed: mingo decides both.
    if (path.some((p) => p.length === 0 || /^\d+$/.test(p) || p.startsWith('$'))) return null;
    const check = fieldCheck(condition);
    if (!check) return null;
    fields.push({ path, check });
  }
  return {
    test(doc) {
      for (const { path, check } of fields) {
        let value: unknown = doc;
        for (const segment of path) {
          if (value === null || value === undefined) {
            value = undefined;
            break;
          }
          if (typeof value !== 'object' || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return undefined;
          value = Object.hasOwn(value, segment) ? (value as Record<string, unknown>)[segment] : undefined;
        }
        if (value !== undefined && !isScalar(value)) return undefined;
        if (!check(value as Scalar | undefined)) return false;
      }
      return true;
    },
  };
}
