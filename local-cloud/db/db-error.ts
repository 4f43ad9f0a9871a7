/**
 * CloudBase database error codes the local store answers with. They cross the wire unchanged
 * (`{ code, message }`), so wx-server-sdk raises the same errors it raises against the real cloud.
 */
export const DB_ERROR = {
  INVALID_PARAM: 'INVALID_PARAM',
  COLLECTION_NOT_EXIST: 'DATABASE_COLLECTION_NOT_EXIST',
  COLLECTION_ALREADY_EXIST: 'DATABASE_COLLECTION_ALREADY_EXIST',
  DUPLICATE_WRITE: 'DATABASE_DUPLICATE_WRITE',
  TRANSACTION_CONFLICT: 'DATABASE_TRANSACTION_CONFLICT',
  TRANSACTION_FAIL: 'DATABASE_TRANSACTION_FAIL',
  REQUEST_FAILED: 'DATABASE_REQUEST_FAILED',
} as const;

export type DbErrorCode = (typeof DB_ERROR)[keyof typeof DB_ERROR];

/** A failure of the document store that has a CloudBase error code. */
export class DbError extends Error {
  constructor(
    readonly code: DbErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DbError';
  }
}

export const invalidParam = (message: string): DbError => new DbError(DB_ERROR.INVALID_PARAM, message);
