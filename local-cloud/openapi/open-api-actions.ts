import type { ActionContext, ActionRegistry } from '../tcb/action-registry';
import { CloudError } from '../tcb/cloud-error';
import { RawReply } from '../tcb/raw-reply';
import { parseLocalCloudId } from './cloud-id';
import type { OpenApiOutbox, OutboxEntry } from './open-api-outbox';
import {
  API_TYPE,
  type CommApiData,
  decodeCommApiData,
  decodeGetOpenDataReq,
  encodeCommOpenApiResp,
  encodeGetOpenDataResp,
} from './protobuf-wire';

/**
 * The `wx.openApi` action of the local cloud, as wx-server-sdk 4.0.2 speaks it:
 *
 * - request: multipart/form-data (fields `action=wx.openApi`, `apiName`, `envName`,
 *   `wxCloudApiToken`, …; `requestData` is a protobuf `CommApiData` sent as an
 *   application/octet-stream part). `cloud.openapi.<a>.<b>(data)` sends apiType OPEN_API with
 *   one KeyValuePair per top-level parameter (keys snake_cased, values JSON text);
 *   `cloud.getOpenData({ list })` sends apiType SVRKIT_API, apiName `ApiGetOpenDataByCloudId`,
 *   reqData `ApiGetOpenDataByCloudIdReq`.
 * - answer: the raw bytes of a protobuf `CommOpenApiResp`, content type not JSON (the SDK
 *   parses JSON only for `application/json; charset=utf-8`, which means a `{ code, message }`
 *   CloudBase error). OPEN_API answers carry WeChat's JSON in `respData` with
 *   `contentType: application/json`; a non-zero `errcode` there becomes the SDK's thrown
 *   `errCode`. SVRKIT answers carry a protobuf in `respData`; a non-zero `errorCode` becomes a
 *   thrown error with that code (-601005 invalid cloudID, -601006 expired, -601007 other user).
 */
export interface OpenApiDeps {
  outbox: OpenApiOutbox;
  identityOf(apiToken: string): { openid: string; appid: string } | undefined;
  now(): Date;
  /** msgSecCheck flags content containing any of these; default `['违禁词']`. */
  riskyWords?: readonly string[];
}

type WxJson = { errcode: number; errmsg: string } & Record<string, unknown>;

const OK: WxJson = { errcode: 0, errmsg: 'ok' };

/** WeChat's length limits per subscribe-message field type (key prefix before the digits). */
const FIELD_MAX_CHARS: Record<string, number> = {
  thing: 20,
  number: 32,
  letter: 32,
  symbol: 5,
  character_string: 32,
  phone_number: 17,
  car_number: 8,
  phrase: 5,
  name: 20, // 20 letters, or 10 if it contains Chinese (checked below)
};

const MINIPROGRAM_STATES = new Set(['developer', 'trial', 'formal']);

function wxError(errcode: number, errmsg: string): WxJson {
  return { errcode, errmsg };
}

function jsonReply(body: WxJson): RawReply {
  return new RawReply(
    encodeCommOpenApiResp({
      respData: Buffer.from(JSON.stringify(body)),
      contentType: 'application/json; encoding=utf-8',
      errorCode: 0,
      httpCode: 200,
    }),
    'application/octet-stream',
  );
}

function svrkitReply(respData: Buffer): RawReply {
  return new RawReply(encodeCommOpenApiResp({ respData, errorCode: 0, httpCode: 200, svrkitErrorCode: 0 }), 'application/octet-stream');
}

/** A WeChat-side failure that is not an API errcode (bad CloudID, no permission). */
function systemErrorReply(errorCode: number): RawReply {
  return new RawReply(encodeCommOpenApiResp({ errorCode, httpCode: 200 }), 'application/octet-stream');
}

/** OPEN_API parameters back to a plain object: JSON values parsed, file parts described. */
function openApiParams(comm: CommApiData): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const pair of comm.pairs) {
    if (pair.filename !== undefined || pair.contentType !== undefined) {
      params[pair.key] = { contentType: pair.contentType, filename: pair.filename, size: pair.value.length };
      continue;
    }
    const text = pair.value.toString('utf8');
    try {
      params[pair.key] = JSON.parse(text);
    } catch {
      params[pair.key] = text;
    }
  }
  return params;
}

const chars = (s: string) => [...s].length;

function validateTemplateData(data: unknown): WxJson | undefined {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return wxError(47003, 'argument invalid! data invalid');
  for (const [key, entry] of Object.entries(data as Record<string, unknown>)) {
    const value = entry && typeof entry === 'object' ? (entry as { value?: unknown }).value : undefined;
    if (typeof value !== 'string' && typeof value !== 'number') {
      return wxError(47003, `argument invalid! data.${key}.value invalid`);
    }
    const type = /^([a-z_]+?)\d+$/.exec(key)?.[1];
    let max = type ? FIELD_MAX_CHARS[type] : undefined;
    if (type === 'name' && /[^ -~]/.test(String(value))) max = 10; // anything beyond printable ASCII
    if (max !== undefined && chars(String(value)) > max) {
      return wxError(47003, `argument invalid! data.${key}.value invalid: ${type} is at most ${max} characters`);
    }
  }
  return undefined;
}

export function createOpenApiActions(deps: OpenApiDeps): ActionRegistry {
  const riskyWords = deps.riskyWords ?? ['违禁词'];

  function base(api: string, ctx: ActionContext, params: Record<string, unknown>): OutboxEntry {
    return { api, at: deps.now().toISOString(), caller: deps.identityOf(ctx.apiToken)?.openid, params };
  }

  function subscribeMessageSend(p: Record<string, unknown>, ctx: ActionContext): WxJson {
    const touser = typeof p.touser === 'string' ? p.touser : '';
    const templateId = typeof p.template_id === 'string' ? p.template_id : '';
    if (!touser) return wxError(40003, 'invalid openid');
    if (!templateId) return wxError(40037, 'invalid template_id');
    if (p.page !== undefined && typeof p.page !== 'string') return wxError(47003, 'argument invalid! page invalid');
    if (p.miniprogram_state !== undefined && !MINIPROGRAM_STATES.has(String(p.miniprogram_state))) {
      return wxError(47003, 'argument invalid! miniprogram_state invalid');
    }
    const invalid = validateTemplateData(p.data);
    if (invalid) return invalid;
    if (deps.outbox.isSubscribeDenied(touser)) return wxError(43101, 'user refuse to accept the msg');
    deps.outbox.record({
      ...base('subscribeMessage.send', ctx, p),
      openid: touser,
      templateId,
      page: typeof p.page === 'string' ? p.page : undefined,
      data: p.data,
    });
    return OK;
  }

  /**
   * v2 (`version: 2`): needs `openid` and `scene` 1–4; always errcode 0, the verdict is in
   * `result.suggest` (`pass` / `risky`) — that is how WeChat answers v2.
   * v1 (no version): errcode 0 when clean, 87014 "risky content" otherwise.
   */
  function msgSecCheck(p: Record<string, unknown>, ctx: ActionContext): WxJson {
    const content = typeof p.content === 'string' ? p.content : '';
    const v2 = Number(p.version) === 2;
    if (v2) {
      if (typeof p.openid !== 'string' || !p.openid) return wxError(40003, 'invalid openid');
      if (![1, 2, 3, 4].includes(Number(p.scene))) return wxError(47003, 'argument invalid! scene invalid');
    }
    const text = [content, p.title, p.nickname, p.signature].filter((x) => typeof x === 'string').join('\n');
    const hit = riskyWords.find((w) => text.includes(w));
    const suggest = hit ? 'risky' : 'pass';
    deps.outbox.record({
      ...base('security.msgSecCheck', ctx, p),
      openid: typeof p.openid === 'string' ? p.openid : undefined,
      content,
      suggest,
    });
    if (!v2) return hit ? wxError(87014, 'risky content') : OK;
    const label = hit ? 21000 : 100;
    return {
      ...OK,
      result: { suggest, label },
      detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: hit ? 90 : 0, ...(hit ? { keyword: hit } : {}) }],
      trace_id: `local-${ctx.requestId}`,
    };
  }

  type Resolved = { ok: true; json: string } | { ok: false; errorCode: number };

  function resolveCloudId(cloudId: string, ctx: ActionContext, appid: string | undefined): Resolved {
    const payload = parseLocalCloudId(cloudId);
    if (!payload) return { ok: false, errorCode: -601005 };
    const nowSec = Math.floor(deps.now().getTime() / 1000);
    if (payload.exp !== undefined && payload.exp < nowSec) return { ok: false, errorCode: -601006 };
    const caller = deps.identityOf(ctx.apiToken);
    if (payload.openid !== undefined && payload.openid !== caller?.openid) return { ok: false, errorCode: -601007 };
    const watermark = { appid: caller?.appid ?? appid ?? 'local-appid', timestamp: nowSec };
    return { ok: true, json: JSON.stringify({ cloudID: cloudId, data: { ...payload.data, watermark } }) };
  }

  function getOpenData(reqData: Buffer, ctx: ActionContext, appid: string | undefined): RawReply {
    const req = decodeGetOpenDataReq(reqData);
    const items: Array<{ cloudId: string; json: string }> = [];
    for (const cloudId of req.cloudidList) {
      const resolved = resolveCloudId(cloudId, ctx, appid);
      if (!resolved.ok) return systemErrorReply(resolved.errorCode);
      items.push({ cloudId, json: resolved.json });
    }
    return svrkitReply(encodeGetOpenDataResp(items));
  }

  /** `openapi.cloudbase.getOpenData({ cloudidList })`: the same lookup in its HTTPS-API shape. */
  function cloudbaseGetOpenData(p: Record<string, unknown>, ctx: ActionContext, appid: string | undefined): WxJson {
    const list = Array.isArray(p.cloudid_list) ? p.cloudid_list : [];
    const dataList: Array<{ cloud_id: string; json: string }> = [];
    for (const cloudId of list) {
      const resolved = resolveCloudId(String(cloudId), ctx, appid);
      if (!resolved.ok) return wxError(40001, `invalid cloudID (${resolved.errorCode})`);
      dataList.push({ cloud_id: String(cloudId), json: resolved.json });
    }
    return { ...OK, data_list: dataList };
  }

  async function wxOpenApi(params: Record<string, unknown>, ctx: ActionContext): Promise<RawReply> {
    const apiName = typeof params.apiName === 'string' ? params.apiName : '';
    const requestData = params.requestData;
    if (!Buffer.isBuffer(requestData)) throw new CloudError('INVALID_PARAM', 'wx.openApi: requestData must be a binary part');
    let comm: CommApiData;
    try {
      comm = decodeCommApiData(requestData);
    } catch (err) {
      throw new CloudError('INVALID_PARAM', `wx.openApi: requestData is not a CommApiData protobuf (${(err as Error).message})`);
    }

    if (comm.apiType === API_TYPE.SVRKIT_API) {
      if (comm.svrkit?.apiName === 'ApiGetOpenDataByCloudId') return getOpenData(comm.svrkit.reqData, ctx, comm.appid);
      // getVoIPSign / getCloudCallSign are not emulated: WeChat's "api permission denied".
      return systemErrorReply(-601004);
    }
    if (comm.apiType !== API_TYPE.OPEN_API) return systemErrorReply(-601004);

    const p = openApiParams(comm);
    switch (apiName) {
      case 'subscribeMessage.send':
        return jsonReply(subscribeMessageSend(p, ctx));
      case 'security.msgSecCheck':
        return jsonReply(msgSecCheck(p, ctx));
      case 'cloudbase.getOpenData':
        return jsonReply(cloudbaseGetOpenData(p, ctx, comm.appid));
      default:
        // Not emulated (uniformMessage.send, wxacode.get, …): recorded so tests and the dev
        // outbox show the call, and answered `{ errcode: 0, errmsg: 'ok' }` with nothing else.
        deps.outbox.record(base(apiName, ctx, p));
        return jsonReply(OK);
    }
  }

  return { 'wx.openApi': wxOpenApi };
}
