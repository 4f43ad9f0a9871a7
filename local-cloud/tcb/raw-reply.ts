/**
 * An action answer that leaves as raw bytes instead of `{ requestId, data }` JSON.
 * `wx.openApi` is such an action: @cloudbase/node-sdk reads the body as a protobuf
 * `CommOpenApiResp` unless the content type is exactly `application/json; charset=utf-8`.
 */
export class RawReply {
  constructor(
    readonly body: Buffer,
    readonly contentType: string,
  ) {}
}
