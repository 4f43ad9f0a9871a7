import { orderClient, residentsOf, STATION_C1, seed } from '../cloud/order-support';
import { screenshot, settle } from '../support/browser';
import { cloudAndPhone, screen } from '../support/browser-cloud';
import { enterAs } from './resident-support';

jest.setTimeout(180_000);

const resident = residentsOf('org-community-01')[0] as { _id: string };
const WISH_ITEM = (seed.catalog_items.find((i) => i.kind === 'wish') as { _id: string })._id;
const MEMBER = seed.volunteer_profiles.find((p) => p.status === 'approved' && p.subdistrictId === 'org-subdistrict-01')?._id as string;
const WISH = '想要一台收音机听戏曲';

describe('心愿墙 in the browser build: the station puts a 微心愿 up, a party member 认领s and delivers it', () => {
  const env = cloudAndPhone();

  it('上墙 on the station order → 心愿墙 from 我的 → 认领 → 已送达 → the station sees the 认领人', async () => {
    const { page } = env.phone;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    env.cloud.store.updateMany(
      'volunteer_profiles',
      { _id: MEMBER },
      { $set: { partyMember: true, partyReportIn: true, workUnit: '区税务局' } },
    );
    const api = orderClient(env.cloud);
    const orderId = await api.place(resident._id, { itemId: WISH_ITEM, description: WISH, answers: { wish: '一台收音机' } });
    await api.must(orderId, 'accept', STATION_C1);

    // The station's order offers 上墙 for the accepted wish.
    await enterAs(page, env.cloud.url, STATION_C1);
    await page.goto(`${env.cloud.url}/#/pages/station/detail/index?orderId=${orderId}`);
    await settle(page);
    await screen(page).locator('.async-button', { hasText: '上墙' }).click();
    await page.getByText('确定上墙', { exact: true }).click();
    await screen(page).locator('.sdetail__head').getByText('待认领', { exact: true }).waitFor();
    await settle(page);
    await screenshot(page, 'wish-01-station-posted');

    // The party member finds 心愿墙 in 我的 and adopts the wish.
    await enterAs(page, env.cloud.url, MEMBER);
    await page.goto(`${env.cloud.url}/#/pages/mine/index`);
    await settle(page);
    await screen(page).getByText('心愿墙', { exact: true }).click();
    await screen(page).getByText(WISH).waitFor();
    await settle(page);
    await screenshot(page, 'wish-02-wall');
    await screen(page).locator('.wish__card', { hasText: WISH }).locator('.async-button', { hasText: '认领' }).click();
    await page.getByText('确定认领', { exact: true }).click();
    await screen(page).getByText('我认领的心愿（待送达）').waitFor();
    await settle(page);
    await screenshot(page, 'wish-03-adopted');

    await screen(page).locator('.wish__card', { hasText: WISH }).locator('.async-button', { hasText: '已送达' }).click();
    await page.getByText('确认送达', { exact: true }).click();
    await screen(page).getByText('我认领的心愿（待送达）').waitFor({ state: 'detached' });
    await settle(page);
    await screenshot(page, 'wish-04-delivered');
    expect(env.cloud.store.findById('orders', orderId)).toMatchObject({ state: 'completed', adopterOpenid: MEMBER });

    // The station sees who adopted it; the resident is asked to confirm (评价).
    await enterAs(page, env.cloud.url, STATION_C1);
    await page.goto(`${env.cloud.url}/#/pages/station/detail/index?orderId=${orderId}`);
    await settle(page);
    await screen(page).locator('.sdetail__value', { hasText: '区税务局' }).waitFor();
    await screen(page).locator('.sdetail__head').getByText('待评价', { exact: true }).waitFor();
    await screenshot(page, 'wish-05-station-adopter');
    expect(errors).toEqual([]);
  });
});
