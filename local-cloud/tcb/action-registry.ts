import type { IncomingHttpHeaders } from 'node:http';

/** What every action handler learns about the request besides its parameters. */
export interface ActionContext {
  requestId: string;
  envName: string;
  /** `wxCloudApiToken`: set per function invocation; identifies the caller (openid) server-side. */
  apiToken: string;
  headers: IncomingHttpHeaders;
  /** The raw request body, for actions that are not JSON (wx.openApi sends multipart). */
  rawBody: Buffer;
}

/**
 * One CloudBase action (`database.getDocument`, `functions.invokeFunction`, …).
 * Returns what goes into the answer's `data` field; throws `CloudError` for an error answer.
 */
export type ActionHandler = (params: Record<string, unknown>, ctx: ActionContext) => unknown | Promise<unknown>;

export type ActionRegistry = Record<string, ActionHandler>;
