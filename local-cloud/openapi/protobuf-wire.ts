/**
 * Just enough protobuf wire format for the messages wx-server-sdk 4.0.2 exchanges on
 * `wx.openApi` (its bundled `src/protobuf/openapi.js`). Field numbers are copied from there:
 *
 *   CommApiData        1 apiType (enum: 0 OPEN_API, 1 INNER_API, 2 SVRKIT_API, 3 TOKEN_API)
 *                      2 openapiData: OpenApiData   4 svrkitData: SvrkitApiData   6 appid
 *   OpenApiData        1 pairs: repeated KeyValuePair
 *   KeyValuePair       1 key   2 value (bytes, JSON text)   3 contenttype   4 filename
 *   SvrkitApiData      1 apiName   2 reqData (bytes)
 *   CommOpenApiResp    1 respData (bytes)   2 contentType   3 errorCode (int32)
 *                      4 httpCode (uint32)  5 headers       6 svrkitErrorCode (int32)
 *   ApiGetOpenDataByCloudIdReq   2 cloudidList (repeated string)   3 appid
 *   ApiGetOpenDataByCloudIdResp  1 dataList: repeated OpDataItem { 1 cloudId  2 json }
 *
 * Written by hand so the local cloud does not lean on a transitive copy of protobufjs.
 */

type Field = { no: number; wire: number; varint?: bigint; bytes?: Buffer };

function readVarint(buf: Buffer, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (pos >= buf.length) throw new Error('protobuf: truncated varint');
    const byte = buf[pos++] as number;
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [result, pos];
    shift += 7n;
    if (shift > 63n) throw new Error('protobuf: varint too long');
  }
}

/** Splits a message into its fields (unknown wire types 1 and 5 are skipped). */
export function readFields(buf: Buffer): Field[] {
  const fields: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [tag, afterTag] = readVarint(buf, pos);
    pos = afterTag;
    const no = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    if (wire === 0) {
      const [value, next] = readVarint(buf, pos);
      fields.push({ no, wire, varint: value });
      pos = next;
    } else if (wire === 2) {
      const [len, next] = readVarint(buf, pos);
      const end = next + Number(len);
      if (end > buf.length) throw new Error('protobuf: truncated length-delimited field');
      fields.push({ no, wire, bytes: buf.subarray(next, end) });
      pos = end;
    } else if (wire === 1) {
      pos += 8;
    } else if (wire === 5) {
      pos += 4;
    } else {
      throw new Error(`protobuf: unsupported wire type ${wire}`);
    }
  }
  return fields;
}

function varint(value: bigint): Buffer {
  let v = BigInt.asUintN(64, value);
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return Buffer.from(out);
}

/** Builds a message from `[fieldNo, value]` pairs: numbers are varints, strings/Buffers length-delimited. */
export function writeFields(fields: Array<[number, number | string | Buffer | undefined]>): Buffer {
  const parts: Buffer[] = [];
  for (const [no, value] of fields) {
    if (value === undefined) continue;
    if (typeof value === 'number') {
      parts.push(varint(BigInt(no << 3)), varint(BigInt(value)));
    } else {
      const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
      parts.push(varint(BigInt((no << 3) | 2)), varint(BigInt(bytes.length)), bytes);
    }
  }
  return Buffer.concat(parts);
}

const str = (f: Field | undefined) => (f?.bytes ? f.bytes.toString('utf8') : undefined);

export const API_TYPE = { OPEN_API: 0, INNER_API: 1, SVRKIT_API: 2, TOKEN_API: 3 } as const;

export interface CommApiData {
  apiType: number;
  /** OPEN_API: key → raw value bytes (JSON text, or file content when `filename` is set). */
  pairs: Array<{ key: string; value: Buffer; contentType?: string; filename?: string }>;
  svrkit?: { apiName: string; reqData: Buffer };
  appid?: string;
}

export function decodeCommApiData(buf: Buffer): CommApiData {
  const out: CommApiData = { apiType: 0, pairs: [] };
  for (const f of readFields(buf)) {
    if (f.no === 1 && f.varint !== undefined) out.apiType = Number(BigInt.asIntN(32, f.varint));
    else if (f.no === 2 && f.bytes) {
      for (const p of readFields(f.bytes)) {
        if (p.no !== 1 || !p.bytes) continue;
        const kv = readFields(p.bytes);
        out.pairs.push({
          key: str(kv.find((x) => x.no === 1)) ?? '',
          value: kv.find((x) => x.no === 2)?.bytes ?? Buffer.alloc(0),
          contentType: str(kv.find((x) => x.no === 3)),
          filename: str(kv.find((x) => x.no === 4)),
        });
      }
    } else if (f.no === 4 && f.bytes) {
      const s = readFields(f.bytes);
      out.svrkit = { apiName: str(s.find((x) => x.no === 1)) ?? '', reqData: s.find((x) => x.no === 2)?.bytes ?? Buffer.alloc(0) };
    } else if (f.no === 6) out.appid = str(f);
  }
  return out;
}

export function encodeCommOpenApiResp(resp: {
  respData?: Buffer;
  contentType?: string;
  errorCode?: number;
  httpCode?: number;
  svrkitErrorCode?: number;
}): Buffer {
  return writeFields([
    [1, resp.respData],
    [2, resp.contentType],
    [3, resp.errorCode],
    [4, resp.httpCode],
    [6, resp.svrkitErrorCode],
  ]);
}

export function decodeGetOpenDataReq(buf: Buffer): { cloudidList: string[]; appid?: string } {
  const out: { cloudidList: string[]; appid?: string } = { cloudidList: [] };
  for (const f of readFields(buf)) {
    if (f.no === 2) out.cloudidList.push(str(f) ?? '');
    else if (f.no === 3) out.appid = str(f);
  }
  return out;
}

export function encodeGetOpenDataResp(items: Array<{ cloudId: string; json: string }>): Buffer {
  return writeFields(
    items.map(
      (item) =>
        [
          1,
          writeFields([
            [1, item.cloudId],
            [2, item.json],
          ]),
        ] as [number, Buffer],
    ),
  );
}
