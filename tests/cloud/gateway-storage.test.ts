/**
 * The browser gateway's storage routes (the H5 build's wx.cloud.uploadFile / getTempFileURL) on a
 * full local cloud, and their agreement with the REAL wx-server-sdk's storage against the same cloud.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startTestCloud, type TestCloud } from '../support/local-cloud-harness';
import { sdkEnvFor } from '../support/sdk-against-local';

type SdkStorage = {
  init(opts: Record<string, unknown>): void;
  uploadFile(o: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
  downloadFile(o: { fileID: string }): Promise<{ fileContent: Buffer }>;
  getTempFileURL(o: { fileList: string[] }): Promise<{ fileList: Array<{ fileID: string; tempFileURL: string; status: number }> }>;
};

const RESIDENT = 'o-resident-0001';
const NEIGHBOUR = 'o-resident-0002';
const MB = 1024 * 1024;

// A real 1×1 PNG, and a JPEG's opening bytes: storage tells images by their signature.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF local test photo')]);

let cloud: TestCloud;
let sdk: SdkStorage;
const savedEnv = { ...process.env };

beforeAll(async () => {
  cloud = await startTestCloud();
  Object.assign(process.env, sdkEnvFor(`${cloud.url}/tcb/admin`));
  sdk = require('wx-server-sdk') as SdkStorage;
  sdk.init({ env: cloud.envName });
});

afterAll(async () => {
  process.env = savedEnv;
  await cloud?.dispose();
});

const storageDir = () => path.join(cloud.dataDir, 'storage');
const onDisk = (cloudPath: string) => path.join(storageDir(), ...cloudPath.split('/'));
const fileIdOf = (cloudPath: string) => `cloud://${cloud.envName}.${cloud.envName}-local-bucket/${cloudPath}`;

function form(cloudPath: string | undefined, bytes: Buffer | undefined, type = 'image/png'): FormData {
  const body = new FormData();
  if (cloudPath !== undefined) body.set('cloudPath', cloudPath);
  if (bytes) body.set('file', new Blob([bytes], { type }), 'photo');
  return body;
}

async function upload(cloudPath: string | undefined, bytes: Buffer | undefined, openid: string | null = RESIDENT) {
  const res = await fetch(`${cloud.url}/gateway/storage/upload`, {
    method: 'POST',
    headers: openid ? { 'x-wx-openid': openid } : {},
    body: form(cloudPath, bytes),
  });
  return { status: res.status, body: (await res.json()) as { fileID?: string; errCode?: string; errMsg?: string } };
}

async function tempUrls(fileList: unknown, openid: string | null = RESIDENT) {
  const res = await fetch(`${cloud.url}/gateway/storage/temp-urls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
    body: JSON.stringify({ fileList }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the test reads the route's answer as it comes
  return { status: res.status, body: (await res.json()) as any };
}

describe('POST /gateway/storage/upload', () => {
  it('stores a photo as the calling user and answers the cloud:// fileID real storage hands out', async () => {
    const cloudPath = 'orders/req-gw-1/1700000000000-0.png';
    const res = await upload(cloudPath, PNG);
    expect(res).toEqual({ status: 200, body: { fileID: fileIdOf(cloudPath), statusCode: 200, errMsg: 'cloud.uploadFile:ok' } });
    expect(readFileSync(onDisk(cloudPath))).toEqual(PNG);
  });

  it('serves it through a getTempFileURL-style signed URL an <img> can load', async () => {
    const cloudPath = 'orders/req-gw-2/a.jpg';
    await upload(cloudPath, JPEG);
    const { status, body } = await tempUrls([fileIdOf(cloudPath)]);
    expect(status).toBe(200);
    expect(body.fileList).toEqual([
      {
        fileID: fileIdOf(cloudPath),
        tempFileURL: expect.stringMatching(/\/storage\/files\/orders\/req-gw-2\/a\.jpg\?t=\d+&sign=/),
        status: 0,
        errMsg: 'ok',
        maxAge: 7200,
      },
    ]);
    const image = await fetch(body.fileList[0].tempFileURL);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await image.arrayBuffer())).toEqual(JPEG);
    // Without the signature, or with a forged one, the bytes stay private to holders of the URL.
    expect((await fetch(body.fileList[0].tempFileURL.replace(/sign=[0-9a-f]+/, 'sign=forged'))).status).toBe(403);
  });

  it.each([
    ['a text file named .png', Buffer.from('not really a picture')],
    ['an SVG (a document that can carry script)', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ['an empty file', Buffer.alloc(0)],
  ])('refuses %s with 415 UPLOAD_NOT_IMAGE and stores nothing', async (_, bytes) => {
    const cloudPath = `orders/req-gw-bad/${bytes.length}.png`;
    const res = await upload(cloudPath, bytes);
    expect(res.status).toBe(415);
    expect(res.body).toEqual({ errCode: 'UPLOAD_NOT_IMAGE', errMsg: '只能上传 JPG、PNG、GIF 或 WEBP 格式的图片' });
    expect(existsSync(onDisk(cloudPath))).toBe(false);
  });

  it('refuses image bytes under a non-image name (it would be served as something else)', async () => {
    const res = await upload('orders/req-gw-3/photo.html', PNG);
    expect(res.status).toBe(400);
    expect(res.body.errCode).toBe('UPLOAD_BAD_PATH');
    expect(existsSync(onDisk('orders/req-gw-3/photo.html'))).toBe(false);
  });

  it('refuses a photo over 10 MB with 413 UPLOAD_TOO_LARGE, whether its size is declared or streamed', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(10 * MB)]);
    const declared = await upload('orders/req-gw-big/declared.png', big);
    expect(declared).toEqual({ status: 413, body: { errCode: 'UPLOAD_TOO_LARGE', errMsg: '图片不能超过 10 MB' } });

    // Chunked, no content-length: the limit still holds while reading.
    const encoded = new Response(form('orders/req-gw-big/streamed.png', big));
    const streamed = await fetch(`${cloud.url}/gateway/storage/upload`, {
      method: 'POST',
      headers: { 'x-wx-openid': RESIDENT, 'content-type': encoded.headers.get('content-type') ?? '' },
      body: encoded.body,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({ errCode: 'UPLOAD_TOO_LARGE' });
    expect(existsSync(path.join(storageDir(), 'orders', 'req-gw-big'))).toBe(false);

    // Exactly 10 MB is fine.
    const limit = Buffer.concat([PNG, Buffer.alloc(10 * MB - PNG.length)]);
    expect((await upload('orders/req-gw-big/limit.png', limit)).status).toBe(200);
  });

  it.each(['../escape.png', 'orders/../../escape.png', '/etc/escape.png', 'orders\\..\\..\\escape.png', 'orders/./x.png', '%owners/x.png'])(
    'refuses the traversal attempt %j and writes nothing outside its place',
    async (cloudPath) => {
      const before = readdirSync(cloud.dataDir).sort();
      const res = await upload(cloudPath, PNG);
      expect(res.status).toBe(400);
      expect(res.body.errCode).toBe('UPLOAD_BAD_PATH');
      expect(readdirSync(cloud.dataDir).sort()).toEqual(before);
      expect(existsSync(path.join(cloud.dataDir, 'escape.png'))).toBe(false);
      expect(existsSync('/etc/escape.png')).toBe(false);
    },
  );

  it('needs a demo identity, and only the creator may replace a photo', async () => {
    const cloudPath = 'orders/req-gw-4/mine.png';
    expect((await upload(cloudPath, PNG, null)).status).toBe(401);
    expect(existsSync(onDisk(cloudPath))).toBe(false);

    expect((await upload(cloudPath, PNG)).status).toBe(200);
    const takeover = await upload(cloudPath, JPEG, NEIGHBOUR);
    expect(takeover).toEqual({ status: 403, body: { errCode: 'UPLOAD_NOT_OWNER', errMsg: '这个位置已有别人上传的图片，不能覆盖' } });
    expect(readFileSync(onDisk(cloudPath))).toEqual(PNG);

    // The creator may; so may the server (admin SDK), after which the file is no user's any more.
    expect((await upload(cloudPath, JPEG)).status).toBe(200);
    expect(readFileSync(onDisk(cloudPath))).toEqual(JPEG);
    await sdk.uploadFile({ cloudPath, fileContent: PNG });
    expect((await upload(cloudPath, JPEG)).status).toBe(403);
    expect(readFileSync(onDisk(cloudPath))).toEqual(PNG);
  });

  it('answers a form without a file, or a GET, clearly', async () => {
    expect((await upload('orders/x/y.png', undefined)).body.errCode).toBe('UPLOAD_BAD_REQUEST');
    expect((await upload(undefined, PNG)).body.errCode).toBe('UPLOAD_BAD_REQUEST');
    const get = await fetch(`${cloud.url}/gateway/storage/upload`, { headers: { 'x-wx-openid': RESIDENT } });
    expect(get.status).toBe(405);
  });
});

describe('POST /gateway/storage/temp-urls', () => {
  it('reports a missing file per item, like wx.cloud.getTempFileURL', async () => {
    const present = 'orders/req-gw-5/here.png';
    await upload(present, PNG);
    const ghost = fileIdOf('orders/req-gw-5/gone.png');
    const { body } = await tempUrls([ghost, fileIdOf(present), 'cloud://other-env.bucket/x.png']);
    expect(body.fileList.map((f: { status: number; tempFileURL: string }) => [f.status, f.tempFileURL !== ''])).toEqual([
      [-503003, false],
      [0, true],
      [-503003, false],
    ]);
  });

  it('needs an identity and a list of at most 50 fileIDs', async () => {
    expect((await tempUrls([fileIdOf('a.png')], null)).status).toBe(401);
    expect((await tempUrls('cloud://x')).status).toBe(400);
    expect((await tempUrls([1, 2])).status).toBe(400);
    expect((await tempUrls(Array.from({ length: 51 }, (_, i) => fileIdOf(`${i}.png`)))).status).toBe(400);
  });
});

describe('one storage for the browser and the cloud functions', () => {
  it('a photo uploaded through the gateway is read by the real SDK (downloadFile, getTempFileURL)', async () => {
    const cloudPath = 'reports/order-9/site.png';
    const { body } = await upload(cloudPath, PNG);
    const down = await sdk.downloadFile({ fileID: body.fileID! });
    expect(down.fileContent).toEqual(PNG);
    const temp = await sdk.getTempFileURL({ fileList: [body.fileID!] });
    expect(temp.fileList[0]).toMatchObject({ fileID: body.fileID, status: 0 });
    expect(Buffer.from(await (await fetch(encodeURI(temp.fileList[0]!.tempFileURL))).arrayBuffer())).toEqual(PNG);
  });

  it('a file the SDK uploaded is shown through the gateway', async () => {
    const { fileID } = await sdk.uploadFile({ cloudPath: 'announcements/cover 封面.jpg', fileContent: JPEG });
    expect(fileID).toBe(fileIdOf('announcements/cover 封面.jpg'));
    const { body } = await tempUrls([fileID]);
    expect(body.fileList[0].status).toBe(0);
    const image = await fetch(encodeURI(body.fileList[0].tempFileURL));
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await image.arrayBuffer())).toEqual(JPEG);
  });
});
