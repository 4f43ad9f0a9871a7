import { buildDemoPii } from '../../local-cloud/seed/demo-pii';
import type { UserProfile } from '../../src/domain/identity/role';
import type { BuildingUnit } from '../../src/domain/org/org.types';
import { screenshot, settle } from '../support/browser';
import { cloudAndPhone, screen } from '../support/browser-cloud';
import { enterAs, seed } from './resident-support';

jest.setTimeout(90_000);

const users = seed.users as unknown as UserProfile[];
const buildings = (seed.org_units as unknown as BuildingUnit[]).filter((u) => u.kind === 'building');
/** A building head whose building has another confirmed resident to order for. */
const building = buildings.find(
  (b) => b.buildingHeadOpenid && users.some((u) => u.buildingId === b._id && u.binding === 'confirmed' && u._id !== b.buildingHeadOpenid),
) as BuildingUnit;
const head = building.buildingHeadOpenid as string;
const pii = buildDemoPii(users);
const neighbour = users.find((u) => u.buildingId === building._id && u.binding === 'confirmed' && u._id !== head) as UserProfile;

describe('代点单: a building head picks a resident of their building', () => {
  const env = cloudAndPhone();

  it('首页 → 代点单 lists the building’s confirmed residents by full name, room and address', async () => {
    const { page } = env.phone;
    // The building head lands on their own home; 代点单 is one tap away.
    await enterAs(page, env.cloud.url, head);
    await screen(page).locator('.rhome__shortcut', { hasText: '代点单' }).first().click();
    await settle(page);
    const row = screen(page)
      .locator('.proxy__resident', { hasText: neighbour.room ?? '' })
      .first();
    await row.waitFor();
    // Full name (not 张*) and where the volunteers will go.
    await row.getByText(pii.get(neighbour._id)?.realName as string).waitFor();
    await row.getByText(building.name, { exact: false }).waitFor();
    await row.click();
    await page.locator('.proxy__resident--on').waitFor();
    await screenshot(page, 'resident-proxy-01-pick-resident');
    // Nothing is ordered until the form is filled.
    expect(env.cloud.store.count('orders', { placedByOpenid: head })).toBe(0);
  });
});
