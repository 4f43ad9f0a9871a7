// qrcode-reader comes with miniprogram-ci (a pinned dev dependency); it has no types.
const QrCode = require('qrcode-reader');

import { checkInQrPayload } from '../../../src/domain/activity/checkin-qr';
import { qrRuns, utf8Bytes } from '../../../src/pages/activity/shared/qr-runs';

/** Draws the runs as the code screen does (rows top first, runs left to right, 4-module quiet zone) into RGBA pixels. */
function bitmap(text: string, scale = 6): { width: number; height: number; data: Uint8Array } {
  const { size, rows } = qrRuns(text);
  const side = (size + 8) * scale;
  const data = new Uint8Array(side * side * 4).fill(255);
  rows.forEach((runs, row) => {
    let col = 0;
    for (const run of runs) {
      if (run.dark)
        for (let c = col; c < col + run.length; c++)
          for (let dy = 0; dy < scale; dy++)
            for (let dx = 0; dx < scale; dx++) {
              const i = (((row + 4) * scale + dy) * side + (c + 4) * scale + dx) * 4;
              data[i] = data[i + 1] = data[i + 2] = 0;
            }
      col += run.length;
    }
    expect(col).toBe(size);
  });
  return { width: side, height: side, data };
}

const decode = (image: { width: number; height: number; data: Uint8Array }) =>
  new Promise<string>((resolve, reject) => {
    const qr = new QrCode();
    qr.callback = (err: unknown, value: { result: string } | undefined) => (err || !value ? reject(err) : resolve(value.result));
    qr.decode(image);
  });

describe('the code screen’s QR grid', () => {
  it('draws a matrix a QR reader decodes back to the payload', async () => {
    const payload = checkInQrPayload({ sessionId: 'act-0123456789abcdef0123-s12', step: 'out', code: '042917' });
    expect(await decode(bitmap(payload))).toBe(payload);
  });

  it('needs no TextEncoder (the mini-program has none), and encodes UTF-8 as TextEncoder would', async () => {
    const saved = globalThis.TextEncoder;
    const payload = checkInQrPayload({ sessionId: 'act-x-s0', step: 'in', code: '123456' });
    try {
      // @ts-expect-error removed on purpose, as in WeChat's JS runtime
      delete globalThis.TextEncoder;
      const image = bitmap(payload);
      expect(await decode(image)).toBe(payload);
    } finally {
      globalThis.TextEncoder = saved;
    }
    for (const text of ['WMSJ-ACT1|a|in|1', '签到 ✓ 😀']) expect([...utf8Bytes(text)]).toEqual([...new TextEncoder().encode(text)]);
  });
});
