/**
 * Open APIs of the local cloud through the REAL wx-server-sdk: protobuf over `wx.openApi`.
 */
import { mintGroupEnterCloudId } from '../../local-cloud/openapi/cloud-id';
import { startTcbTestServer, type TcbTestServer } from '../support/tcb-test-server';

type Cloud = {
  init(opts: Record<string, unknown>): void;
  DYNAMIC_CURRENT_ENV: unknown;
  openapi: Record<string, Record<string, (data: unknown) => Promise<Record<string, unknown>>>>;
  getOpenData(opts: { list: string[] }): Promise<{ list: Array<{ cloudID: string; data: Record<string, unknown> }> }>;
};

let server: TcbTestServer;
let cloud: Cloud;

beforeAll(async () => {
  server = await startTcbTestServer({ now: () => new Date('2026-03-01T08:00:00Z') });
  cloud = require('wx-server-sdk') as Cloud;
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
});

afterAll(async () => {
  await server.close();
});

beforeEach(() => {
  server.outbox.clear();
  server.actAs('o-staff-1');
});

const send = (data: unknown) => cloud.openapi.subscribeMessage!.send!(data);

describe('subscribeMessage.send', () => {
  const message = {
    touser: 'o-resident-1',
    templateId: 'TPL_ORDER_TAKEN',
    page: 'pages/order/detail?id=42',
    data: { thing1: { value: '助老理发' }, phrase2: { value: '已接单' }, time3: { value: '2026-03-01 10:00' } },
    miniprogramState: 'developer',
  };

  it('records the message exactly as sent and answers ok', async () => {
    const res = await send(message);
    expect(res).toMatchObject({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' });
    expect(server.outbox.list()).toEqual([
      {
        api: 'subscribeMessage.send',
        at: '2026-03-01T08:00:00.000Z',
        caller: 'o-staff-1',
        openid: 'o-resident-1',
        templateId: 'TPL_ORDER_TAKEN',
        page: 'pages/order/detail?id=42',
        data: message.data,
        params: {
          touser: 'o-resident-1',
          template_id: 'TPL_ORDER_TAKEN',
          page: 'pages/order/detail?id=42',
          data: message.data,
          miniprogram_state: 'developer',
        },
      },
    ]);
  });

  it('rejects a thing value over 20 characters with 47003 and records nothing', async () => {
    const long = { ...message, data: { ...message.data, thing1: { value: '一二三四五六七八九十一二三四五六七八九十一' } } };
    await expect(send(long)).rejects.toMatchObject({ errCode: 47003, errMsg: expect.stringContaining('thing1') });
    expect(server.outbox.list()).toEqual([]);
    // exactly 20 is fine
    const twenty = { ...message, data: { thing1: { value: '一二三四五六七八九十一二三四五六七八九十' } } };
    await expect(send(twenty)).resolves.toMatchObject({ errCode: 0 });
  });

  it('answers 43101 for a user without a grant and records nothing', async () => {
    server.outbox.denySubscribe('o-resident-2');
    await expect(send({ ...message, touser: 'o-resident-2' })).rejects.toMatchObject({
      errCode: 43101,
      errMsg: expect.stringContaining('user refuse to accept the msg'),
    });
    expect(server.outbox.list()).toEqual([]);
  });

  it('rejects a missing touser (40003) or template id (40037)', async () => {
    await expect(send({ ...message, touser: undefined })).rejects.toMatchObject({ errCode: 40003 });
    await expect(send({ ...message, templateId: undefined })).rejects.toMatchObject({ errCode: 40037 });
    expect(server.outbox.list()).toEqual([]);
  });
});

describe('security.msgSecCheck', () => {
  const check = (data: unknown) => cloud.openapi.security!.msgSecCheck!(data);

  it('v2: passes clean content and records the check', async () => {
    const res = await check({ content: '周六上午社区义诊', version: 2, scene: 2, openid: 'o-resident-1' });
    expect(res).toMatchObject({ errCode: 0, result: { suggest: 'pass', label: 100 } });
    expect(server.outbox.list('security.msgSecCheck')).toMatchObject([
      { content: '周六上午社区义诊', suggest: 'pass', openid: 'o-resident-1' },
    ]);
  });

  it('v2: flags content with a denied word as risky (errcode 0, as WeChat answers v2)', async () => {
    const res = await check({ content: '这里有违禁词', version: 2, scene: 2, openid: 'o-resident-1' });
    expect(res).toMatchObject({ errCode: 0, result: { suggest: 'risky' } });
    expect(server.outbox.list()).toMatchObject([{ suggest: 'risky' }]);
  });

  it('v1: risky content fails with 87014', async () => {
    await expect(check({ content: '这里有违禁词' })).rejects.toMatchObject({ errCode: 87014 });
    await expect(check({ content: '正常内容' })).resolves.toMatchObject({ errCode: 0 });
  });

  it('v2 needs openid and scene', async () => {
    await expect(check({ content: 'x', version: 2, scene: 2 })).rejects.toMatchObject({ errCode: 40003 });
    await expect(check({ content: 'x', version: 2, openid: 'o-1' })).rejects.toMatchObject({ errCode: 47003 });
  });
});

describe('other open APIs', () => {
  it('records an unknown API and answers errcode 0', async () => {
    const res = await cloud.openapi.uniformMessage!.send!({ touser: 'o-1', mpTemplateMsg: { appid: 'wx1' } });
    expect(res).toMatchObject({ errCode: 0 });
    expect(server.outbox.list()).toMatchObject([
      { api: 'uniformMessage.send', caller: 'o-staff-1', params: { touser: 'o-1', mp_template_msg: { appid: 'wx1' } } },
    ]);
  });
});

describe('getOpenData (CloudID of wx.getGroupEnterInfo)', () => {
  it('resolves a minted group CloudID to its opengid', async () => {
    const cloudID = mintGroupEnterCloudId({ opengid: 'G-building-7' });
    const res = await cloud.getOpenData({ list: [cloudID] });
    expect(res.list).toEqual([
      { cloudID, data: { opengid: 'G-building-7', watermark: { appid: 'wx-local-test-app', timestamp: 1772352000 } } },
    ]);
  });

  it('refuses a CloudID minted for another user, an expired one, and garbage', async () => {
    const other = mintGroupEnterCloudId({ opengid: 'G1', openid: 'o-someone-else' });
    await expect(cloud.getOpenData({ list: [other] })).rejects.toMatchObject({ errCode: -601007 });
    const mine = mintGroupEnterCloudId({ opengid: 'G1', openid: 'o-staff-1' });
    await expect(cloud.getOpenData({ list: [mine] })).resolves.toMatchObject({ list: [{ data: { opengid: 'G1' } }] });
    const expired = mintGroupEnterCloudId({ opengid: 'G1', exp: 1_000 });
    await expect(cloud.getOpenData({ list: [expired] })).rejects.toMatchObject({ errCode: -601006 });
    await expect(cloud.getOpenData({ list: ['27_not-a-local-cloudid'] })).rejects.toMatchObject({ errCode: -601005 });
  });
});

describe('dev outbox over HTTP', () => {
  it('GET /_dev/outbox lists entries', async () => {
    await send({ touser: 'o-9', templateId: 'T', data: { thing1: { value: 'hi' } } });
    const body = (await (await fetch(`${server.url}/_dev/outbox`)).json()) as { entries: unknown[] };
    expect(body.entries).toMatchObject([{ api: 'subscribeMessage.send', openid: 'o-9' }]);
  });
});
