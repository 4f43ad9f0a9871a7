/**
 * An error that crosses the CloudBase wire as `{ requestId, code, message }`.
 * Codes follow CloudBase's own (`INVALID_PARAM`, `DATABASE_COLLECTION_NOT_EXIST`, …) so that
 * wx-server-sdk turns them into the same exceptions it raises against the real cloud.
 */
export class CloudError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CloudError';
  }
}
