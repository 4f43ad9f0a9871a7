import type { UserProfile } from '../../src/domain/identity/role';
import type { BuildingUnit } from '../../src/domain/org/org.types';
import { openPhone, type Phone, screenshot, settle } from '../support/browser';
import { requireH5Build } from '../support/h5-build';
import { startTestCloud, type TestCloud } from '../support/local-cloud-harness';
import { enterAs, seed } from './resident-support';

jest.setTimeout(90_000);

const users = seed.users as unknown as UserProfile[];
const buildings = (seed.org_units as unknown as BuildingUnit[]).filter((u) => u.kind === 'building');
/** A building head whose building has another confirmed resident to order for. */
const building = buildings.find(
  (b) => b.buildingHeadOpenid && users.some((u) => u.buildingId === b._id && u.binding === 'confirmed' && u._id !== b.buildingHeadOpenid),
) as BuildingUnit;
const head = building.buildingHeadOpenid as string;
const neighbour = users.find((u) => u.buildingId === building._id && u.binding === 'confirmed' && u._id !== head) as UserProfile;

describe('代点单: a building head picks a resident of their building', () => {
  let cloud: TestCloud;
  let phone: Phone;

  beforeAll(async () => {
    cloud = await startTestCloud({ staticDir: requireH5Build() });
    phone = await openPhone();
  });
  afterAll(async () => {
    await phone?.close();
    await cloud?.dispose();
  });

  it('我的 → 代点单 lists the building’s confirmed residents by masked name and room', async () => {
    const { page } = phone;
    await enterAs(page, cloud.url, head);
    await page.getByText('我的', { exact: true }).last().click();
    await settle(page);
    await page.getByText('代点单', { exact: true }).click();
    await settle(page);
    const row = page.locator('.proxy__resident', { hasText: neighbour.room ?? '' }).first();
    await row.waitFor();
    await row.click();
    await page.locator('.proxy__resident--on').waitFor();
    await screenshot(page, 'resident-proxy-01-pick-resident');
    // Nothing is ordered until the form is filled.
    expect(cloud.store.count('orders', { placedByOpenid: head })).toBe(0);
  });
});
