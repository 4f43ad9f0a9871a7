import type { UserProfile } from '../../src/domain/identity/role';
import type { BuildingUnit } from '../../src/domain/org/org.types';
import { screenshot, settle } from '../support/browser';
import { cloudAndPhone } from '../support/browser-cloud';
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
  const env = cloudAndPhone();

  it('我的 → 代点单 lists the building’s confirmed residents by masked name and room', async () => {
    const { page } = env.phone;
    await enterAs(page, env.cloud.url, head);
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
    expect(env.cloud.store.count('orders', { placedByOpenid: head })).toBe(0);
  });
});
