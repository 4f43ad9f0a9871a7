/**
 * What a function takes before it even parses: WeChat limits a callFunction event only by its
 * size, so every function refuses absurd input itself, walking it without recursion (a payload
 * nested thousands deep must not blow the stack of the schema parser or of a log line).
 *
 * The largest honest input is an announcement (title + 2,000-character body + targets + cover),
 * under 20 KB; the deepest is an order's service form, three levels.
 */
import { ErrorCode } from '../../src/domain/shared/domain-error';

/** Nesting levels an input may have (the event object itself is level 1). */
export const MAX_INPUT_DEPTH = 8;
/** Bytes an input may take, counted as UTF-8 JSON would (approximately, from above). */
export const MAX_INPUT_BYTES = 64 * 1024;
/** Values (objects, arrays, scalars) an input may hold. */
export const MAX_INPUT_NODES = 2_000;
/** How much of a caller's own text a refusal repeats. */
export const ECHO_MAX = 40;

export interface InputProblem {
  code: typeof ErrorCode.InputTooDeep | typeof ErrorCode.InputTooLarge;
  message: string;
}

/** Why an input is refused before parsing, or undefined when it is within the limits. */
export function inputProblem(input: unknown): InputProblem | undefined {
  let bytes = 0;
  let nodes = 0;
  const stack: [unknown, number][] = [[input, 1]];
  while (stack.length) {
    const [value, depth] = stack.pop() as [unknown, number];
    nodes++;
    if (typeof value === 'string') bytes += value.length * 3 + 2;
    else bytes += 8;
    if (nodes > MAX_INPUT_NODES || bytes > MAX_INPUT_BYTES) {
      return { code: ErrorCode.InputTooLarge, message: `输入过大：最多 ${MAX_INPUT_BYTES / 1024} KB、${MAX_INPUT_NODES} 个值` };
    }
    if (!value || typeof value !== 'object') continue;
    if (depth > MAX_INPUT_DEPTH) return { code: ErrorCode.InputTooDeep, message: `输入嵌套过深：最多 ${MAX_INPUT_DEPTH} 层` };
    for (const [key, child] of Object.entries(value)) {
      bytes += key.length * 3 + 3;
      stack.push([child, depth + 1]);
    }
  }
  return undefined;
}

/** A caller's text as a refusal may repeat it: a short prefix, never the whole of it. */
export function clip(text: string, max = ECHO_MAX): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…（共 ${chars.length} 字）`;
}
