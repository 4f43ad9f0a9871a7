/**
 * The shape of a cloud function's contract: its name and, per action, the zod schema of the input,
 * the answer type and the error codes the action may answer besides the common ones.
 *
 * The server's `defineFunction` and the pages' `callCloud` both take a contract, so a page that
 * sends a wrong field or reads a wrong answer field fails `tsc`, and so does a use case whose
 * answer drifts from what the contract promises. Pages import contracts as types only (through
 * `./index.ts`), so zod never ships in the mini-program.
 */
import type { z } from 'zod';
import type { ErrorCode } from '../domain/shared/domain-error';

declare const answerType: unique symbol;

export interface ActionContract<I extends z.ZodTypeAny = z.ZodTypeAny, A = unknown, E extends ErrorCode = ErrorCode> {
  readonly input: I;
  /** Codes this action may answer on top of `COMMON_ERRORS` (domain refusals a page may branch on). */
  readonly errors: readonly E[];
  /** Type-only: what `{ ok: true, data }` carries. Never present at run time. */
  readonly [answerType]?: A;
}

/** `act(schema, [codes]).answers<View>()`: one action of a contract. */
export function act<I extends z.ZodTypeAny, E extends ErrorCode = never>(input: I, errors: readonly E[] = []) {
  return { answers: <A>(): ActionContract<I, A, E> => ({ input, errors }) };
}

export interface FunctionContract<N extends string = string> {
  readonly name: N;
  // biome-ignore lint/suspicious/noExplicitAny: every action has its own input and answer types
  readonly actions: Readonly<Record<string, ActionContract<any, any, any>>>;
}

export const defineContract = <const N extends string, const Acts extends FunctionContract['actions']>(name: N, actions: Acts) =>
  ({ name, actions }) as const;

export type ActionName<C extends FunctionContract> = keyof C['actions'] & string;
/** What a page sends (before defaults and trimming). */
export type InputOf<C extends FunctionContract, A extends ActionName<C>> = z.input<C['actions'][A]['input']>;
/** What the use case receives (after parsing). */
export type ParsedInputOf<C extends FunctionContract, A extends ActionName<C>> = z.output<C['actions'][A]['input']>;
export type AnswerOf<C extends FunctionContract, A extends ActionName<C>> =
  // biome-ignore lint/suspicious/noExplicitAny: matching any input schema and code list
  C['actions'][A] extends ActionContract<any, infer R, any> ? R : never;
export type ErrorOf<C extends FunctionContract, A extends ActionName<C>> =
  // biome-ignore lint/suspicious/noExplicitAny: matching any input schema and answer
  (C['actions'][A] extends ActionContract<any, any, infer E> ? E : never) | CommonError;

/** Codes any action may answer: bad input (malformed, too deep, too large), unknown action, no caller, internal failure, missing configuration. */
export const COMMON_ERRORS = [
  'INPUT.INVALID',
  'INPUT.UNKNOWN_ACTION',
  'INPUT.TOO_DEEP',
  'INPUT.TOO_LARGE',
  'AUTH.UNAUTHENTICATED',
  'SYS.INTERNAL',
  'SYS.CONFIG_MISSING',
] as const satisfies readonly ErrorCode[];
export type CommonError = (typeof COMMON_ERRORS)[number];
