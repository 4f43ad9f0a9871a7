import type { UserProfile } from '../../src/domain/identity/role';
import type { BuildingUnit } from '../../src/domain/org/org.types';
import { screenshot, settle } from '../support/browser';
import { buildingUnder, cloudAndPhone, expand, openManage, openMine, screen } from './manage-support';
import { enterAs, fillByPlaceholder, seed } from './resident-support';

jest.setTimeout(180_000);

const STATION = 'o-station-01';
const ESTATE = '天府花园';
const building = (seed.org_units as unknown as BuildingUnit[]).find(
  (u) => u.kind === 'building' && u.name === '2栋' && u.path.includes('org-community-01') && u.parentId === 'org-estate-01',
) as BuildingUnit;
/** A confirmed resident of another building who holds no other role. */
const resident = (seed.users as unknown as UserProfile[]).find(
  (u) => u.binding === 'confirmed' && u.buildingId !== building._id && u.roles.every((g) => g.role === 'resident'),
) as UserProfile;
/** Holds 楼栋长, 居民 and 志愿者: 楼栋长 comes first by default. */
const MULTI_ROLE_HEAD = 'o-head-0001';

/** The role rows of 我的身份, and which one is 当前. */
const roleRow = (page: Parameters<typeof screen>[0], label: string) => screen(page).locator('.mine__role', { hasText: label });
const activeRole = async (page: Parameters<typeof screen>[0]) =>
  (await screen(page).locator('.mine__role--active .mine__role-label').textContent())?.trim();
const workbench = (page: Parameters<typeof screen>[0]) => screen(page).locator('.mine__group', { hasText: '工作台' });

describe('我的: roles held, the active role and its 工作台; invitations make new roles', () => {
  beforeAll(() => {
    if (!building || !resident) throw new Error('the demo seed lacks 天府花园 2栋 or a plain resident');
  });
  const env = cloudAndPhone();

  it('a multi-role building head starts as 楼栋长; station staff start as 社区实践站 with 派单台', async () => {
    const { page } = env.phone;
    await enterAs(page, env.cloud.url, MULTI_ROLE_HEAD);
    await openMine(page);
    expect(await activeRole(page)).toBe('楼栋长');
    await workbench(page).getByText('转发任务', { exact: true }).waitFor();
    await workbench(page).getByText('住户绑定审核').waitFor();
    await roleRow(page, '志愿者').waitFor();
    expect(await workbench(page).getByText('服务签到', { exact: true }).count()).toBe(0);
    await screenshot(page, 'mine-roles-01-multi-role-head');

    await enterAs(page, env.cloud.url, STATION);
    await openMine(page);
    expect(await activeRole(page)).toBe('社区实践站');
    for (const text of ['派单台', '服务统计', '发布公告', '管理', '志愿者注册', '使用邀请码']) {
      await workbench(page).getByText(text, { exact: true }).waitFor();
    }
    await screenshot(page, 'mine-roles-02-station');
  });

  it('station staff invite a 楼栋长; a resident redeems the code, holds the role and switches between roles', async () => {
    const { page } = env.phone;
    // 1. Station staff: 管理 → 邀请码 → 楼栋长 → 天府花园 2栋 → 生成邀请码.
    await enterAs(page, env.cloud.url, STATION);
    await openManage(page);
    for (const tile of ['组织架构', '队伍管理', '志愿者审核', '邀请码', '住户绑定审核']) {
      await screen(page).locator('.mhub__tile', { hasText: tile }).waitFor();
    }
    await screenshot(page, 'mine-roles-03-manage-hub-station');
    await screen(page)
      .locator('.mhub__tile', { hasText: /^邀请码/ })
      .click();
    await settle(page);
    // A station may not invite 街道 roles.
    await screen(page).locator('.chips__chip', { hasText: '社区实践站' }).waitFor();
    expect(await screen(page).locator('.chips__chip', { hasText: '街道实践所' }).count()).toBe(0);
    await screen(page).locator('.chips__chip', { hasText: '楼栋长' }).click();
    await screen(page).getByText('2. 选择楼栋').waitFor();
    await expand(page, ESTATE);
    await buildingUnder(page, ESTATE, '2栋').locator('.opick').click();
    await screen(page).getByText('已选：天府花园 2栋').waitFor();
    await screenshot(page, 'mine-roles-04-invite-form');
    await screen(page).locator('.async-button', { hasText: '生成邀请码' }).click();
    const codeText = screen(page).locator('.minv__code');
    await codeText.waitFor();
    const code = ((await codeText.textContent()) ?? '').trim();
    expect(code).toMatch(/^[2-9A-HJ-KM-NP-Z]{8}$/);
    await screen(page).getByText('楼栋长 · 天府花园 2栋').waitFor();
    await screen(page)
      .getByText(/^有效期至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}，只能使用一次$/)
      .waitFor();
    await screenshot(page, 'mine-roles-05-invite-issued');
    expect(env.cloud.store.findById('invitations', code)).toMatchObject({
      role: 'building_head',
      scopeId: building._id,
      issuedBy: STATION,
      usedBy: null,
    });
    await screen(page).locator('.async-button', { hasText: '复制邀请码' }).click();

    // 2. A plain resident: 我的 → 使用邀请码; a wrong code first, then the real one (typed in lower case).
    await enterAs(page, env.cloud.url, resident._id);
    await openMine(page);
    expect(await activeRole(page)).toBe('居民');
    expect(await workbench(page).getByText('转发任务', { exact: true }).count()).toBe(0);
    await workbench(page).getByText('使用邀请码', { exact: true }).click();
    await settle(page);
    await fillByPlaceholder(page, '例如：AB23CD45', 'ZZZZ2222');
    await screen(page).locator('.mredeem__submit').click();
    await screen(page).getByText('邀请码无效、已使用或已过期').first().waitFor();
    await screenshot(page, 'mine-roles-06-redeem-wrong');
    await fillByPlaceholder(page, '例如：AB23CD45', code.toLowerCase());
    await screen(page).locator('.mredeem__submit').click();
    await screen(page).getByText('你现在是 楼栋长 · 2栋').waitFor();
    await screenshot(page, 'mine-roles-07-redeemed');
    const me = (await env.cloud.call('identity', { action: 'whoami' }, resident._id)).body.result.data;
    expect(me.roles).toEqual(expect.arrayContaining([{ role: 'building_head', label: '楼栋长', scopeId: building._id, scopeName: '2栋' }]));
    expect(env.cloud.store.findById('invitations', code)).toMatchObject({ usedBy: resident._id });

    // 3. 我的 shows the new role, active; its 工作台 has the building head's consoles.
    await screen(page).locator('.async-button', { hasText: '去「我的」' }).click();
    await settle(page);
    await roleRow(page, '楼栋长').getByText('2栋').waitFor();
    expect(await activeRole(page)).toBe('楼栋长');
    await workbench(page).getByText('转发任务', { exact: true }).waitFor();
    await workbench(page).getByText('代点单', { exact: true }).waitFor();
    await screenshot(page, 'mine-roles-08-new-role-active');

    // 4. Switch to 居民: the building head's consoles go; the choice survives a reload.
    await roleRow(page, '居民').click();
    await screen(page).locator('.mine__role--active', { hasText: '居民' }).waitFor();
    expect(await workbench(page).getByText('转发任务', { exact: true }).count()).toBe(0);
    expect(await workbench(page).getByText('代点单', { exact: true }).count()).toBe(0);
    await workbench(page).getByText('志愿者注册', { exact: true }).waitFor();
    await screenshot(page, 'mine-roles-09-switched-to-resident');
    await page.reload();
    await settle(page);
    await openMine(page);
    await roleRow(page, '楼栋长').waitFor();
    expect(await activeRole(page)).toBe('居民');
    expect(await workbench(page).getByText('转发任务', { exact: true }).count()).toBe(0);

    // 5. And back to 楼栋长.
    await roleRow(page, '楼栋长').click();
    await workbench(page).getByText('转发任务', { exact: true }).waitFor();
    expect(await activeRole(page)).toBe('楼栋长');
  });
});
