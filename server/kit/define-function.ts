import type { ZodType } from 'zod';
import type { ActionName, AnswerOf, FunctionContract, ParsedInputOf } from '../../src/contracts/kit';
import { COMMON_ERRORS } from '../../src/contracts/kit';
import { type CloudResult, fail, succeed } from '../../src/domain/shared/cloud-result';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { currentActor } from './actor';
import { ConfigMissingError, config } from './config';
import { clip, inputProblem } from './input-limits';

/** One use case per action, typed by the contract: its parsed input in, the promised answer out. */
export type Handlers<C extends FunctionContract> = {
  [A in ActionName<C>]: (input: ParsedInputOf<C, A>) => Promise<AnswerOf<C, A>>;
};

export interface FunctionOptions {
  /** The function's timer trigger (config.json): what it runs and what to say when it fails. */
  timer?: { run: () => Promise<unknown>; failure: string };
}

/** The first issues, each cut short: a refusal never repeats a caller's long keys or values whole. */
function describeIssues(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => {
      const where = i.path.map((p) => clip(String(p))).join('.');
      return clip(where ? `${where}: ${i.message}` : i.message, 120);
    })
    .join('; ');
}

/**
 * A cloud function's `main`, from its contract: `event.action` picks the use case; its input is
 * parsed with the contract's schema; the answer is always `{ ok, data }` or
 * `{ ok: false, code, message }`, so a domain error never surfaces as a WeChat "function execute
 * fail". Timer triggers arrive as `{ Type: 'Timer' }` with no caller; a user who sends the same
 * body is still a user and gets the ordinary action routing.
 */
export function defineFunction<C extends FunctionContract>(contract: C, handlers: Handlers<C>, options: FunctionOptions = {}) {
  const fn = contract.name;
  async function runAction(event: unknown): Promise<CloudResult<unknown>> {
    const body = (event && typeof event === 'object' ? event : {}) as Record<string, unknown>;
    const { userInfo: _wxUserInfo, ...sent } = body;
    // Before anything reads it: absurd nesting or size never reaches the parser or a log line.
    const problem = inputProblem(sent);
    if (problem) return fail(problem.code, problem.message);
    const name = typeof body.action === 'string' ? body.action : '';
    const def = Object.hasOwn(contract.actions, name) ? contract.actions[name] : undefined;
    if (!def) return fail(ErrorCode.UnknownAction, `不支持的操作：${name ? clip(name) : '(空)'}`);
    const { action: _ignored, ...payload } = sent;
    const parsed = (def.input as ZodType).safeParse(payload);
    if (!parsed.success) return fail(ErrorCode.InputInvalid, `输入有误：${describeIssues(parsed.error.issues)}`);
    try {
      const run = handlers[name as ActionName<C>] as (input: unknown) => Promise<unknown>;
      return succeed(await run(parsed.data));
    } catch (err) {
      if (err instanceof DomainError) {
        if (!def.errors.includes(err.code) && !(COMMON_ERRORS as readonly string[]).includes(err.code)) {
          // The contract is what pages branch on: an undeclared code is a contract bug worth seeing in the logs.
          console.warn(`[${fn}.${name}] answered ${err.code}, which its contract does not declare`);
        }
        return fail(err.code, err.message);
      }
      console.error(`[${fn}.${name}] unexpected error`, err);
      return fail(ErrorCode.Internal, '服务暂时不可用，请稍后重试');
    }
  }

  return async function main(event: unknown): Promise<CloudResult<unknown>> {
    try {
      config(fn);
    } catch (err) {
      if (!(err instanceof ConfigMissingError)) throw err;
      console.error(`[${fn}] ${err.message}`);
      return fail(ErrorCode.ConfigMissing, err.message);
    }
    const timer = options.timer;
    if (timer && (event as { Type?: unknown } | null)?.Type === 'Timer' && !currentActor()) {
      try {
        return succeed(await timer.run());
      } catch (err) {
        console.error(`[${fn}] timer failed`, err);
        return fail(ErrorCode.Internal, timer.failure);
      }
    }
    return runAction(event);
  };
}
