import { CloudError } from './cloud-error';

/**
 * A small multipart/form-data reader: fields become strings, file parts stay Buffers.
 * wx.openApi and storage uploads are the only multipart callers and they send few parts.
 */
export function parseMultipart(body: Buffer, contentType: string): Record<string, unknown> {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw new CloudError('INVALID_PARAM', 'multipart body without boundary');
  const delimiter = Buffer.from(`--${boundary}`);
  const out: Record<string, unknown> = {};
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    const start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const part = body.subarray(start + 2, next - 2); // skip CRLF after delimiter and before next
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const head = part.subarray(0, headerEnd).toString('utf8');
      const content = part.subarray(headerEnd + 4);
      const name = /name="([^"]*)"/i.exec(head)?.[1];
      const isFile = /filename="/i.test(head) || /content-type:\s*application\/octet-stream/i.test(head);
      if (name !== undefined) out[name] = isFile ? content : content.toString('utf8');
    }
    pos = next;
  }
  return out;
}
