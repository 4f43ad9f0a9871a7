/**
 * Stable error codes that cross the wire unchanged (`{ ok: false, code, message }`): screens and
 * tests branch on the code, people read the message (Chinese, because residents see it).
 */
export const ErrorCode = {
  InputInvalid: 'INPUT.INVALID',
  UnknownAction: 'INPUT.UNKNOWN_ACTION',
  /** The input nests deeper than any action takes (refused before parsing). */
  InputTooDeep: 'INPUT.TOO_DEEP',
  /** The input is larger than any action takes (refused before parsing). */
  InputTooLarge: 'INPUT.TOO_LARGE',
  NotFound: 'RESOURCE.NOT_FOUND',
  Unauthenticated: 'AUTH.UNAUTHENTICATED',
  Forbidden: 'AUTH.FORBIDDEN',
  OutOfScope: 'AUTH.OUT_OF_SCOPE',
  /** Too many wrong guesses of a code (invitation, 确认码): locked for a while, the message says how long. */
  TooManyAttempts: 'AUTH.TOO_MANY_ATTEMPTS',
  Conflict: 'STATE.CONFLICT',
  InvalidTransition: 'STATE.INVALID_TRANSITION',
  /** msgSecCheck judged the content risky: nothing was published. */
  ContentRisky: 'CONTENT.RISKY',
  /** The content check itself could not answer: nothing was published, try again. */
  ContentCheckUnavailable: 'CONTENT.CHECK_UNAVAILABLE',
  Internal: 'SYS.INTERNAL',
  /** The function lacks a production environment variable: nothing was done; an administrator must set it. */
  ConfigMissing: 'SYS.CONFIG_MISSING',
  /** The caller must be a confirmed resident of a building first (unbound, or binding pending). */
  BindingRequired: 'AUTH.BINDING_REQUIRED',
  /** The volunteer does not meet an activity's 报名条件 (skills, 仅限党员, age range): the message says which. */
  RequirementsUnmet: 'ACTIVITY.REQUIREMENTS_UNMET',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
