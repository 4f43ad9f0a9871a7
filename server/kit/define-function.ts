import type { ZodType } from 'zod';
import { type CloudResult, fail, succeed } from '../../src/domain/shared/cloud-result';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';

export interface ActionDefinition<I, O> {
  input: ZodType<I>;
  run: (input: I) => Promise<O>;
}

// biome-ignore lint/suspicious/noExplicitAny: each action has its own input and output types
type AnyAction = ActionDefinition<any, any>;

export const action = <I, O>(def: ActionDefinition<I, O>): ActionDefinition<I, O> => def;

function describeIssues(issues: { path: (string | number)[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/**
 * A cloud function's `main`: `event.action` picks the use case; its input is parsed with the
 * action's schema; the answer is always `{ ok, data }` or `{ ok: false, code, message }`, so a
 * domain error never surfaces as a WeChat "function execute fail".
 */
export function defineFunction(actions: Record<string, AnyAction>) {
  return async function main(event: unknown): Promise<CloudResult<unknown>> {
    const body = (event && typeof event === 'object' ? event : {}) as Record<string, unknown>;
    const name = typeof body.action === 'string' ? body.action : '';
    const def = Object.hasOwn(actions, name) ? actions[name] : undefined;
    if (!def) return fail(ErrorCode.UnknownAction, `不支持的操作：${name || '(空)'}`);
    const { action: _ignored, userInfo: _wxUserInfo, ...payload } = body;
    const parsed = def.input.safeParse(payload);
    if (!parsed.success) return fail(ErrorCode.InputInvalid, `输入有误：${describeIssues(parsed.error.issues)}`);
    try {
      return succeed(await def.run(parsed.data));
    } catch (err) {
      if (err instanceof DomainError) return fail(err.code, err.message);
      console.error(`[${name}] unexpected error`, err);
      return fail(ErrorCode.Internal, '服务暂时不可用，请稍后重试');
    }
  };
}
