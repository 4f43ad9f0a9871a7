/**
 * Cloud storage of the local cloud through the REAL wx-server-sdk.
 */
import { existsSync, readdirSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startTcbTestServer, type TcbTestServer, TEST_ENV } from '../support/tcb-test-server';

type FileResult = { fileID: string; status: number; errMsg: string; tempFileURL?: string; maxAge?: number };
type Cloud = {
  init(opts: Record<string, unknown>): void;
  DYNAMIC_CURRENT_ENV: unknown;
  uploadFile(o: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string; statusCode: number }>;
  getTempFileURL(o: { fileList: Array<string | { fileID: string; maxAge: number }> }): Promise<{ fileList: FileResult[] }>;
  downloadFile(o: { fileID: string }): Promise<{ fileContent: Buffer; statusCode: number }>;
  deleteFile(o: { fileList: string[] }): Promise<{ fileList: FileResult[] }>;
};

let server: TcbTestServer;
let cloud: Cloud;

beforeAll(async () => {
  server = await startTcbTestServer();
  server.actAs('o-staff-1');
  cloud = require('wx-server-sdk') as Cloud;
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
});

afterAll(async () => {
  await server.close();
});

function rawGetStatus(rawPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const { port } = new URL(server.url);
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

// Not valid UTF-8 on purpose: bytes must survive untouched.
const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80, 0x7f, 0x0d, 0x0a, 0x2d, 0x2d]);

it('upload → temp URL → fetch → download → delete → download fails clearly', async () => {
  const cloudPath = 'orders/42/现场 照片.png';
  const up = await cloud.uploadFile({ cloudPath, fileContent: bytes });
  expect(up.fileID).toBe(`cloud://${TEST_ENV}.${TEST_ENV}-local-bucket/${cloudPath}`);
  expect(up.fileID).toBe(server.storage.fileIdOf(cloudPath));
  expect(existsSync(path.join(server.storageDir, 'orders', '42', '现场 照片.png'))).toBe(true);

  const temp = await cloud.getTempFileURL({ fileList: [up.fileID] });
  expect(temp.fileList).toEqual([
    expect.objectContaining({
      fileID: up.fileID,
      status: 0,
      errMsg: 'ok',
      tempFileURL: expect.stringContaining(`${server.url}/storage/files/`),
    }),
  ]);
  const fetched = await fetch(encodeURI(temp.fileList[0]!.tempFileURL!));
  expect(fetched.status).toBe(200);
  expect(fetched.headers.get('content-type')).toBe('image/png');
  expect(Buffer.from(await fetched.arrayBuffer())).toEqual(bytes);

  const down = await cloud.downloadFile({ fileID: up.fileID });
  expect(Buffer.isBuffer(down.fileContent)).toBe(true);
  expect(down.fileContent).toEqual(bytes);

  const del = await cloud.deleteFile({ fileList: [up.fileID] });
  expect(del.fileList).toEqual([{ fileID: up.fileID, status: 0, errMsg: 'ok' }]);
  expect(existsSync(path.join(server.storageDir, 'orders', '42', '现场 照片.png'))).toBe(false);

  // The SDK (node-sdk processReturn) throws a TcbError carrying CloudBase's code; errCode is -1 there.
  await expect(cloud.downloadFile({ fileID: up.fileID })).rejects.toMatchObject({
    code: 'STORAGE_FILE_NONEXIST',
    errMsg: expect.stringContaining('does not exist'),
  });
  // the old temp URL now answers 404
  expect((await fetch(encodeURI(temp.fileList[0]!.tempFileURL!))).status).toBe(404);
});

it('reports missing files per item in getTempFileURL and deleteFile', async () => {
  const ghost = server.storage.fileIdOf('nothing/here.txt');
  const temp = await cloud.getTempFileURL({ fileList: [{ fileID: ghost, maxAge: 60 }] });
  expect(temp.fileList).toEqual([expect.objectContaining({ fileID: ghost, status: -503003, tempFileURL: '' })]);
  const del = await cloud.deleteFile({ fileList: [ghost] });
  expect(del.fileList).toEqual([expect.objectContaining({ fileID: ghost, status: -503003 })]);
});

it('overwrites an existing path', async () => {
  const a = await cloud.uploadFile({ cloudPath: 'notes/a.txt', fileContent: Buffer.from('one') });
  await cloud.uploadFile({ cloudPath: 'notes/a.txt', fileContent: Buffer.from('two') });
  expect((await cloud.downloadFile({ fileID: a.fileID })).fileContent.toString()).toBe('two');
});

it('rejects path traversal and writes nothing outside the storage dir', async () => {
  const before = readdirSync(path.dirname(server.storageDir)).length;
  for (const cloudPath of ['../escape.txt', 'a/../../escape.txt', '/etc/escape.txt', 'a/./b.txt', 'a\\..\\b.txt']) {
    await expect(cloud.uploadFile({ cloudPath, fileContent: Buffer.from('x') })).rejects.toMatchObject({
      code: 'STORAGE_REQUEST_FAIL',
      errMsg: expect.stringContaining('invalid cloudPath'),
    });
  }
  expect(readdirSync(path.dirname(server.storageDir)).length).toBe(before);
  expect(existsSync(path.join(path.dirname(server.storageDir), 'escape.txt'))).toBe(false);
  // a fileID with .. resolves to nothing
  const sneaky = server.storage.fileIdOf('../../etc/passwd');
  await expect(cloud.downloadFile({ fileID: sneaky })).rejects.toMatchObject({ code: 'STORAGE_FILE_NONEXIST' });
});

it('refuses temp URLs with a bad signature and raw requests with dot segments', async () => {
  const { fileID } = await cloud.uploadFile({ cloudPath: 'docs/x.txt', fileContent: Buffer.from('x') });
  const url = (await cloud.getTempFileURL({ fileList: [fileID] })).fileList[0]!.tempFileURL!;
  expect((await fetch(url.replace(/sign=[0-9a-f]+/, 'sign=00'))).status).toBe(403);
  // fetch() would normalise dot segments away; send the path raw
  for (const raw of ['/storage/files/docs/%2e%2e/%2e%2e/etc/passwd?t=9999999999&sign=00', '/storage/files/../../etc/passwd']) {
    expect(await rawGetStatus(raw)).toBeGreaterThanOrEqual(400);
  }
});
