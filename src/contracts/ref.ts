import type { FunctionContract } from './kit';

/**
 * What a page holds of a contract: the function's name, with the contract itself as a type only,
 * so the mini-program bundle carries no schemas (and no zod).
 */
export interface FunctionRef<C extends FunctionContract> {
  readonly name: C['name'];
  /** Type-only carrier of the contract. */
  readonly contract?: C;
}

export const functionRef = <C extends FunctionContract>(name: C['name']): FunctionRef<C> => ({ name });
