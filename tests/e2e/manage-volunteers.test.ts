import { screenshot, settle } from '../support/browser';
import { cloudAndPhone, expand, openManage, outlineRow, screen } from './manage-support';
import { enterAs, fillByPlaceholder } from './resident-support';

jest.setTimeout(180_000);

const STATION = 'o-station-01';
const INSTITUTE = 'o-institute-01';
const APPLICANT = 'o-e2e-volunteer';
const TEAM = '晨光助老队';

describe('志愿者审核 and 队伍管理: staff approve a registration; the institute makes the volunteer a team leader', () => {
  const env = cloudAndPhone();

  const team = async (data: object, openid: string) => (await env.cloud.call('team', data, openid)).body.result;

  it('station staff see the application (masked name, skills, availability) and 通过 it', async () => {
    const registered = await team(
      {
        action: 'registerVolunteer',
        realName: '周晓东',
        phone: '13900001234',
        skills: ['助餐送餐', '陪伴聊天'],
        availability: '周末上午',
        communityId: 'org-community-01',
      },
      APPLICANT,
    );
    expect(registered).toMatchObject({ ok: true, data: { status: 'pending' } });

    const { page } = env.phone;
    await enterAs(page, env.cloud.url, STATION);
    await openManage(page, '志愿者审核');
    const card = screen(page).locator('.decision', { hasText: '周*' });
    await card.getByText('助餐送餐、陪伴聊天').waitFor();
    await card.getByText('周末上午').waitFor();
    await card.getByText('13900001234').waitFor();
    expect(await screen(page).getByText('周晓东').count()).toBe(0);
    await screenshot(page, 'manage-volunteers-01-pending');

    await card.locator('.async-button', { hasText: /^通过$/ }).click();
    await page.getByText('通过 周* 的志愿者注册？').waitFor();
    await screenshot(page, 'manage-volunteers-02-confirm');
    await page.getByText('确定', { exact: true }).click();
    await screen(page).getByText('没有待审核的志愿者注册').waitFor();
    expect(await team({ action: 'myVolunteer' }, APPLICANT)).toMatchObject({ ok: true, data: { status: 'approved' } });

    // Station staff see the teams but may not create one.
    await page.goBack();
    await settle(page);
    await screen(page).locator('.mhub__tile', { hasText: '队伍管理' }).click();
    await settle(page);
    await screen(page).getByText('全部队伍（5）').waitFor();
    expect(await screen(page).getByText('新建队伍').count()).toBe(0);
    await screenshot(page, 'manage-volunteers-03-teams-station');
  });

  it('the institute creates a team led by the approved volunteer, picked from the list', async () => {
    const { page } = env.phone;
    await enterAs(page, env.cloud.url, INSTITUTE);
    await openManage(page, '队伍管理');
    await screen(page).getByText('新建队伍', { exact: true }).first().click();
    await fillByPlaceholder(page, '按姓氏、手机尾号或队伍查找', '1234');
    const candidate = screen(page).locator('.leader__row', { hasText: '139****1234' });
    await candidate.getByText('周*').waitFor();
    await candidate.getByText('选择', { exact: true }).click();
    await screen(page).locator('.leader--picked', { hasText: '周*' }).waitFor();
    await screenshot(page, 'manage-volunteers-04a-leader-picked');
    await fillByPlaceholder(page, '例如：银龄之声', TEAM);
    await fillByPlaceholder(page, '一句话介绍队伍', '为独居老人送餐、陪伴');
    await fillByPlaceholder(page, '例如：助餐送餐、陪伴聊天', '助餐送餐、陪伴聊天');
    await outlineRow(page, '和平社区').locator('.opick').click();
    expect(await outlineRow(page, '紫荆苑').count()).toBe(0);
    await expand(page, '紫荆社区');
    await outlineRow(page, '紫荆苑').locator('.opick').click();
    await screen(page).getByText('已选 2 个').waitFor();
    await screenshot(page, 'manage-volunteers-04-create-team');
    await screen(page).locator('.async-button', { hasText: '新建队伍' }).click();
    const created = screen(page).locator('.mteams__team', { hasText: TEAM });
    await created.getByText('助餐送餐').waitFor();
    await created.scrollIntoViewIfNeeded();
    await screenshot(page, 'manage-volunteers-05-team-created');

    const stored = env.cloud.store.find('teams', { name: TEAM })[0] as unknown as {
      leaderOpenid: string;
      serviceArea: string[];
      skills: string[];
    };
    expect(stored).toMatchObject({ leaderOpenid: APPLICANT, skills: ['助餐送餐', '陪伴聊天'] });
    expect(stored.serviceArea.sort()).toEqual(['org-community-01', 'org-estate-05'].sort());
    const me = (await env.cloud.call('identity', { action: 'whoami' }, APPLICANT)).body.result.data;
    expect(me.roles.map((r: { role: string }) => r.role)).toEqual(expect.arrayContaining(['team_leader', 'volunteer']));
  });
});
