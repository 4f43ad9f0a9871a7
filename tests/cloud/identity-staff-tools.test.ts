import type { OrgUnit } from '../../src/domain/org/org.types';
import { withTestCloud } from '../support/local-cloud-harness';
import { INSTITUTE, STATION_C1, STATION_C2, seed } from './order-support';

const units = seed.org_units as unknown as OrgUnit[];
const buildingsOf = (communityId: string) => units.filter((u) => u.kind === 'building' && u.path[1] === communityId);
const [b1, b2] = buildingsOf('org-community-01') as [OrgUnit, OrgUnit];
const [b3] = buildingsOf('org-community-02') as [OrgUnit];
const nameOf = (id: string) => units.find((u) => u._id === id)?.name ?? '';
const MIN = 60 * 1000;
const DAY = 24 * 60 * MIN;

describe('住户绑定审核: 社区 · 小区 · 楼栋 on each card, oldest first, 批量通过', () => {
  const env = withTestCloud();
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever shape the function answered
  const identity = async (data: object, openid: string): Promise<any> => (await env.cloud.call('identity', data, openid)).body.result;

  beforeAll(async () => {
    env.cloud.store.clearUnindexedScans();
    // Three newcomers ask a minute apart (the last in another community).
    for (const [openid, building, room] of [
      ['o-batch-1', b2, '1单元101'],
      ['o-batch-2', b1, '2单元202'],
      ['o-batch-3', b3, '3单元303'],
    ] as const) {
      const res = await identity({ action: 'requestBinding', buildingId: building._id, room }, openid);
      expect(res).toMatchObject({ ok: true, data: { binding: 'pending' } });
      env.cloud.clock.advance(MIN);
    }
  });

  it('lists the requests oldest first, each with its 社区 and 小区', async () => {
    const res = await identity({ action: 'listBindingRequests' }, STATION_C1);
    expect(res.ok).toBe(true);
    const rows = res.data as { openid: string; requestedAt: number; communityName: string; estateName: string; buildingName: string }[];
    const times = rows.map((r) => r.requestedAt);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const ours = rows.filter((r) => r.openid.startsWith('o-batch-'));
    expect(ours.map((r) => r.openid)).toEqual(['o-batch-1', 'o-batch-2']);
    expect(ours[0]).toMatchObject({
      communityName: nameOf('org-community-01'),
      estateName: nameOf(b2.path[2] as string),
      buildingName: b2.name,
    });
    expect(ours[0]?.estateName).not.toBe('');
  });

  it('批量通过 confirms each it may, and says per item why the others failed', async () => {
    const res = await identity({ action: 'approveBindings', openids: ['o-batch-1', 'o-batch-2', 'o-batch-3', 'o-nobody'] }, STATION_C1);
    expect(res.ok).toBe(true);
    expect(res.data.results).toEqual([
      { openid: 'o-batch-1', ok: true, message: '已确认' },
      { openid: 'o-batch-2', ok: true, message: '已确认' },
      { openid: 'o-batch-3', ok: false, message: expect.stringContaining('范围') },
      { openid: 'o-nobody', ok: false, message: '没有待处理的绑定申请' },
    ]);
    // The answer is the list as it is now.
    expect(res.data.requests.map((r: { openid: string }) => r.openid)).not.toContain('o-batch-1');
    expect((await identity({ action: 'myBinding' }, 'o-batch-1')).data).toMatchObject({ binding: 'confirmed', buildingId: b2._id });
    expect((await identity({ action: 'myBinding' }, 'o-batch-2')).data).toMatchObject({ binding: 'confirmed' });
    expect((await identity({ action: 'myBinding' }, 'o-batch-3')).data).toMatchObject({ binding: 'pending' });

    // Again: already handled, each says so; a resident may not batch-approve at all.
    const again = await identity({ action: 'approveBindings', openids: ['o-batch-1'] }, STATION_C1);
    expect(again.data.results).toEqual([{ openid: 'o-batch-1', ok: false, message: '没有待处理的绑定申请' }]);
    expect(await identity({ action: 'approveBindings', openids: ['o-batch-3'] }, 'o-batch-1')).toMatchObject({
      ok: false,
      code: 'AUTH.FORBIDDEN',
    });
    expect((await identity({ action: 'myBinding' }, 'o-batch-3')).data).toMatchObject({ binding: 'pending' });
    expect(await identity({ action: 'approveBindings', openids: [] }, STATION_C1)).toMatchObject({ ok: false, code: 'INPUT.INVALID' });
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });
});

describe('楼栋长 invitations: the codes issued, their status, 撤销', () => {
  const env = withTestCloud();
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever shape the function answered
  const identity = async (data: object, openid: string): Promise<any> => (await env.cloud.call('identity', data, openid)).body.result;
  const issue = async (openid = STATION_C1, building = b1) => {
    const res = await identity({ action: 'issueInvitation', role: 'building_head', scopeId: building._id }, openid);
    expect(res.ok).toBe(true);
    return res.data.code as string;
  };
  const statusOf = (list: { code: string; status: string; statusLabel: string }[], code: string) => list.find((i) => i.code === code);

  it('opens the screen with one call: who I am, the tree, the codes I issued', async () => {
    env.cloud.store.clearUnindexedScans();
    const a = await issue();
    const view = await identity({ action: 'invitations' }, STATION_C1);
    expect(view.ok).toBe(true);
    expect(view.data.me).toMatchObject({ openid: STATION_C1 });
    expect(view.data.roots.length).toBeGreaterThan(0);
    expect(statusOf(view.data.issued, a)).toMatchObject({
      status: 'unused',
      statusLabel: '未使用',
      role: 'building_head',
      scopeName: b1.name,
    });
    expect(env.cloud.store.unindexedScans()).toEqual([]);
  });

  it('撤销 an unused code: it never works afterwards; a used or expired one cannot be revoked', async () => {
    const revoked = await issue();
    const used = await issue();
    const list = await identity({ action: 'revokeInvitation', code: revoked }, STATION_C1);
    expect(list.ok).toBe(true);
    expect(statusOf(list.data, revoked)).toMatchObject({ status: 'revoked', statusLabel: '已撤销', closedAt: expect.any(Number) });
    expect(await identity({ action: 'redeemInvitation', code: revoked }, 'o-would-be-head')).toMatchObject({
      ok: false,
      code: 'RESOURCE.NOT_FOUND',
    });
    expect(await identity({ action: 'revokeInvitation', code: revoked }, STATION_C1)).toMatchObject({
      ok: false,
      code: 'STATE.CONFLICT',
      message: expect.stringContaining('已撤销'),
    });

    expect((await identity({ action: 'redeemInvitation', code: used }, 'o-new-head')).ok).toBe(true);
    expect(await identity({ action: 'revokeInvitation', code: used }, STATION_C1)).toMatchObject({
      ok: false,
      code: 'STATE.CONFLICT',
      message: expect.stringContaining('已使用'),
    });
    const after = await identity({ action: 'invitations' }, STATION_C1);
    expect(statusOf(after.data.issued, used)).toMatchObject({ status: 'used', statusLabel: '已使用' });

    const old = await issue();
    env.cloud.clock.advance(8 * DAY);
    const later = await identity({ action: 'invitations' }, STATION_C1);
    expect(statusOf(later.data.issued, old)).toMatchObject({ status: 'expired', statusLabel: '已过期' });
    expect(await identity({ action: 'revokeInvitation', code: old }, STATION_C1)).toMatchObject({ ok: false, code: 'STATE.CONFLICT' });
  });

  it('staff of another community may not revoke it; the institute over it may', async () => {
    const code = await issue();
    expect(await identity({ action: 'revokeInvitation', code }, STATION_C2)).toMatchObject({ ok: false, code: 'AUTH.OUT_OF_SCOPE' });
    expect(await identity({ action: 'revokeInvitation', code: 'ZZZZZZZZ' }, STATION_C1)).toMatchObject({
      ok: false,
      code: 'RESOURCE.NOT_FOUND',
    });
    const byInstitute = await identity({ action: 'revokeInvitation', code }, INSTITUTE);
    expect(byInstitute.ok).toBe(true);
    const mine = await identity({ action: 'invitations' }, STATION_C1);
    expect(statusOf(mine.data.issued, code)).toMatchObject({ status: 'revoked' });
  });
});
