import type { Page } from 'playwright-core';
import type { UserProfile } from '../../src/domain/identity/role';
import { screenshot, settle } from '../support/browser';
import { cloudAndPhone, screen } from '../support/browser-cloud';
import { SAMPLE_PHOTO } from '../support/sample-photo';
import { enterAs, fillByPlaceholder, seed } from './resident-support';

jest.setTimeout(180_000);

const users = seed.users as unknown as UserProfile[];
const estateOf = new Map(seed.org_units.map((u) => [u._id, u.parentId]));
/** A plain confirmed resident of 天府花园 (org-estate-01), whose property company is 天府物业. */
const resident = users.find(
  (u) => u.binding === 'confirmed' && u.roles.every((g) => g.role === 'resident') && estateOf.get(u.buildingId ?? '') === 'org-estate-01',
) as UserProfile;
const STATION = 'o-station-01';
/** The resident's 楼栋长: the grid worker who checks the fix on site (核查). */
const GRID_WORKER = String(
  (seed.org_units.find((u) => u._id === resident.buildingId) as { buildingHeadOpenid?: string } | undefined)?.buildingHeadOpenid,
);
const UNIT_STAFF = 'o-unit-01';
const DESCRIPTION = '二单元一楼楼道堆了旧沙发和纸箱，挡住了通道';

/** Taps 添加照片 and answers the file input Taro.chooseImage opens with the sample photo. */
async function attachPhoto(page: Page): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), screen(page).locator('.photo-picker__add').first().click()]);
  await chooser.setFiles(SAMPLE_PHOTO);
  await screen(page).locator('.photo-picker__cell').first().waitFor();
}

describe('grid problems in the browser build: a resident snaps a problem, the station registers and dispatches it, the unit fixes it, the grid worker verifies it', () => {
  const env = cloudAndPhone();

  it('随手拍 with a photo → 待立案 → station 立案 + 派遣 to 天府物业 → unit 处置 with an after photo → 待核查 → 楼栋长 核查通过 → 已销号', async () => {
    const { page } = env.phone;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // The resident finds 随手拍 on the home page.
    await enterAs(page, env.cloud.url, resident._id);
    await screen(page).getByText('随手拍', { exact: true }).click();
    await settle(page);
    await screen(page).getByText('问题类别').waitFor();
    await screen(page).getByText('楼道堆物').click();
    await screen(page).getByText('1 个工作日内处置').waitFor();
    await fillByPlaceholder(page, '说说看到了什么，例如：楼道里堆了旧家具，挡住了通道', DESCRIPTION);
    await fillByPlaceholder(page, '例如：2单元一楼楼道', '2单元一楼');
    await attachPhoto(page);
    await settle(page);
    await screenshot(page, 'problem-01-snap-form');
    await screen(page).getByText('提交随手拍').click();

    // Filed: the detail shows 待立案 and the timeline.
    await screen(page).getByText('处理进度').waitFor();
    await screen(page).locator('.pdetail__head').getByText('待立案').waitFor();
    await settle(page);
    await screenshot(page, 'problem-02-snapped');
    const filed = env.cloud.store.find('problems', { reporterOpenid: resident._id, description: DESCRIPTION }) as unknown as {
      _id: string;
      photos: string[];
    }[];
    expect(filed).toHaveLength(1);
    expect(filed[0]?.photos).toHaveLength(1);

    // The station opens its 问题台账 from the home shortcuts, 立案 and 派遣 to the 小区's property company.
    await enterAs(page, env.cloud.url, STATION);
    await screen(page).getByText('问题台账').first().click();
    await settle(page);
    const card = screen(page).locator('.problem-card', { hasText: DESCRIPTION });
    await card.waitFor();
    await screenshot(page, 'problem-03-ledger');
    await card.click();
    await settle(page);
    await screen(page).locator('.async-button', { hasText: '立案' }).first().click();
    await screen(page).locator('.pdetail__head').getByText('待派遣').waitFor();
    await screen(page).getByText('天府物业服务有限公司').click();
    await screenshot(page, 'problem-04-dispatch');
    await screen(page).locator('.async-button', { hasText: '派遣' }).click();
    await screen(page).locator('.pdetail__head').getByText('处置中').waitFor();
    await settle(page);
    await screenshot(page, 'problem-05-dispatched');

    // The unit's staff find it in 待处置问题, fix it with an after photo.
    await enterAs(page, env.cloud.url, UNIT_STAFF);
    await page.goto(`${env.cloud.url}/#/pages/problem/unit/index`);
    await settle(page);
    await screen(page).locator('.problem-card', { hasText: DESCRIPTION }).click();
    await settle(page);
    await screen(page).getByText('处置后的照片').waitFor();
    await attachPhoto(page);
    await screen(page).locator('.pdetail__actions textarea').fill('旧沙发和纸箱已清运');
    await screen(page).locator('.async-button', { hasText: '处置完成' }).click();
    await screen(page).locator('.pdetail__head').getByText('待核查').waitFor();
    await screen(page).getByText('处置结果').waitFor();
    await settle(page);
    await screenshot(page, 'problem-06-fixed');
    const stored = env.cloud.store.findById('problems', filed[0]?._id as string) as unknown as { state: string; fixPhotos: string[] };
    expect(stored).toMatchObject({ state: 'fixed' });
    expect(stored.fixPhotos).toHaveLength(1);

    // The 楼栋长 checks the fix on site from 网格巡查: a photo, 核查通过 → 已销号.
    await enterAs(page, env.cloud.url, GRID_WORKER);
    await page.goto(`${env.cloud.url}/#/pages/problem/grid/index`);
    await settle(page);
    await screen(page).locator('.problem-card', { hasText: DESCRIPTION }).click();
    await settle(page);
    await screen(page).locator('.pdetail__head').getByText('待核查').waitFor();
    await attachPhoto(page);
    await screen(page).locator('.async-button', { hasText: '核查通过' }).click();
    await page.locator('.taro-modal__content:visible').getByText('确定', { exact: true }).click();
    await screen(page).locator('.pdetail__head').getByText('已销号').waitFor();
    await settle(page);
    await screenshot(page, 'problem-07-verified');
    expect(env.cloud.store.findById('problems', filed[0]?._id as string)).toMatchObject({ state: 'closed' });

    expect(errors).toEqual([]);
  });
});
