import type { BuildingUnit } from '../../src/domain/org/org.types';
import { screenshot, settle } from '../support/browser';
import { cloudAndPhone, openManage, openMine, screen } from './manage-support';
import { enterAs, fillByPlaceholder, seed } from './resident-support';

jest.setTimeout(180_000);

const building = (seed.org_units as unknown as BuildingUnit[]).find((u) => u._id === 'bld-0005') as BuildingUnit;
const HEAD = building.buildingHeadOpenid as string;
const NEWCOMER = 'o-e2e-newcomer';
const STRANGER = 'o-e2e-stranger';

describe('住户绑定审核: the building head confirms a resident, refuses a stranger with a reason', () => {
  const env = cloudAndPhone();

  const ask = async (openid: string, room: string) => {
    const res = await env.cloud.call('identity', { action: 'requestBinding', buildingId: building._id, room }, openid);
    expect(res.body.result).toMatchObject({ ok: true, data: { binding: 'pending' } });
  };
  const bindingOf = async (openid: string) => (await env.cloud.call('identity', { action: 'myBinding' }, openid)).body.result.data;

  it('the request shows in 住户绑定审核; 确认 makes the resident 已绑定', async () => {
    await ask(NEWCOMER, '3单元502');
    await ask(STRANGER, '9单元999');
    const { page } = env.phone;
    await enterAs(page, env.cloud.url, HEAD);
    await openManage(page);
    // A building head's 管理 holds 住户绑定审核 only.
    await screen(page).locator('.mhub__tile', { hasText: '住户绑定审核' }).waitFor();
    expect(await screen(page).locator('.mhub__tile').count()).toBe(1);
    await screenshot(page, 'manage-bindings-01-hub-head');
    await screen(page).locator('.mhub__tile', { hasText: '住户绑定审核' }).click();
    await settle(page);

    const card = screen(page).locator('.decision', { hasText: '3单元502' });
    // The card names the whole place: 社区 · 小区 · 楼栋 · 房号.
    await card.getByText(` · ${building.name} · 3单元502`).waitFor();
    await screen(page).getByText('待确认（2）').waitFor();
    await screenshot(page, 'manage-bindings-02-list');
    await card.locator('.async-button', { hasText: '确认' }).click();
    await screen(page).getByText('待确认（1）').waitFor();
    expect(await screen(page).locator('.decision', { hasText: '3单元502' }).count()).toBe(0);
    expect(await bindingOf(NEWCOMER)).toMatchObject({ buildingId: building._id, room: '3单元502', binding: 'confirmed' });

    // The resident sees it in 我的.
    await enterAs(page, env.cloud.url, NEWCOMER);
    await openMine(page);
    await screen(page).getByText(`${building.name} · 已绑定`).waitFor();
    await screenshot(page, 'manage-bindings-03-resident-bound');
  });

  it('拒绝 needs a reason and a confirmation; the resident reads the reason', async () => {
    const { page } = env.phone;
    await enterAs(page, env.cloud.url, HEAD);
    await openManage(page, '住户绑定审核');
    const card = screen(page).locator('.decision', { hasText: '9单元999' });
    await card.locator('.async-button', { hasText: '拒绝' }).click();
    await page.getByText('请填写拒绝原因').waitFor();
    expect(await bindingOf(STRANGER)).toMatchObject({ binding: 'pending' });

    await fillByPlaceholder(page, '拒绝原因（拒绝时必填，住户会看到）', '本楼栋没有这个房号');
    await card.locator('.async-button', { hasText: '拒绝' }).click();
    await page.getByText(`拒绝 ${'微信用户'} 绑定 ${building.name}？`).waitFor();
    await screenshot(page, 'manage-bindings-04-reject-confirm');
    await page.getByText('确定', { exact: true }).click();
    await screen(page).getByText('没有待确认的绑定申请').waitFor();
    await screenshot(page, 'manage-bindings-05-empty');
    expect(await bindingOf(STRANGER)).toMatchObject({ binding: 'rejected', note: '本楼栋没有这个房号' });
  });
});
