import type { UserProfile } from '../../src/domain/identity/role';
import type { Team } from '../../src/domain/org/org.types';
import { screenshot, settle } from '../support/browser';
import { cloudAndPhone, openAs, screen } from '../support/browser-cloud';
import { confirmedResident, fillByPlaceholder, seed } from './resident-support';

jest.setTimeout(180_000);

const INSTITUTE = 'o-institute-01';
const TEAM = seed.teams[1] as Team; // 豆花帮帮团, led by o-leader-02
const LEADER = TEAM.leaderOpenid;
const users = seed.users as unknown as UserProfile[];
/** A seed volunteer outside the team, whose request the leader turns down. */
const OTHER = users.find((u) => u._id.startsWith('o-volunteer-') && !TEAM.memberOpenids.includes(u._id)) as UserProfile;
const REAL_NAME = '闻晓燕';
const MASKED = '闻*';
const NOTE = '周末上午有空，会做饭';

const teamUrl = `/pages/volunteer/team/index?id=${TEAM._id}`;

describe('志愿者注册 → 审核 → 申请入队 → 队长同意 → 队员 → 退出队伍, in the browser', () => {
  const env = cloudAndPhone();
  const errors: string[] = [];
  beforeAll(() => {
    env.phone.page.on('pageerror', (e) => errors.push(e.message));
  });

  const team = async (data: object, openid: string) => (await env.cloud.call('team', data, openid)).body.result;
  const members = () => screen(env.phone.page).locator('.team__member');

  it('bad input on registration: empty name, bad phone, too long a skill — messages at the field, nothing created', async () => {
    const { page } = env.phone;
    const who = 'o-e2e-vol-bad';
    await openAs(page, env.cloud.url, who, '/pages/volunteer/register/index');
    await screen(page).getByText('填写注册信息').waitFor();
    await screen(page).getByText('提交注册').click();
    await screen(page).locator('.form-field__error', { hasText: '请填写真实姓名' }).waitFor();
    await screen(page).locator('.form-field__error', { hasText: '请填写手机号' }).waitFor();
    await page.waitForTimeout(400); // the page scrolls the first marked field into view
    expect(await screen(page).locator('.form-field__error').first().isVisible()).toBe(true);
    await screenshot(page, 'volunteer-bad-01-empty');

    await fillByPlaceholder(page, '请输入真实姓名', '闻');
    await fillByPlaceholder(page, '11 位手机号', '1380013');
    await screen(page).getByText('提交注册').click();
    await screen(page).locator('.form-field__error', { hasText: '姓名至少 2 个字' }).waitFor();
    await screen(page).locator('.form-field__error', { hasText: '请填写 11 位手机号' }).waitFor();
    await page.waitForTimeout(400);
    await screenshot(page, 'volunteer-bad-02-short-name-bad-phone');

    await fillByPlaceholder(page, '其他技能，自己填写', '一二三四五六七八九十一');
    await screen(page).getByText('添加', { exact: true }).click();
    await screen(page).locator('.skill-picker__problem', { hasText: '每项技能最多 10 个字' }).waitFor();
    await screenshot(page, 'volunteer-bad-03-long-skill');
    await page.waitForTimeout(300);
    expect(env.cloud.store.count('volunteer_profiles', { _id: who })).toBe(0);
    expect((await team({ action: 'myVolunteer' }, who)).data.status).toBe('none');
  });

  it('a resident registers (待审核); once staff approve, the page says 已通过', async () => {
    const { page } = env.phone;
    const me = confirmedResident._id;
    await openAs(page, env.cloud.url, me, '/pages/volunteer/register/index');
    await screen(page).getByText('实名注册后', { exact: false }).waitFor();
    await screenshot(page, 'volunteer-01-register-empty');

    await fillByPlaceholder(page, '请输入真实姓名', REAL_NAME);
    await fillByPlaceholder(page, '11 位手机号', '13966668888');
    await screen(page).locator('.skill-chip', { hasText: '助餐送餐' }).click();
    await screen(page).locator('.skill-chip', { hasText: '陪伴聊天' }).click();
    await fillByPlaceholder(page, '其他技能，自己填写', '理发');
    await screen(page).getByText('添加', { exact: true }).click();
    await screen(page).locator('.skill-chip--on', { hasText: '理发' }).waitFor();
    await screen(page).getByText('已选 3/10 项', { exact: false }).waitFor();
    await fillByPlaceholder(page, '如：周末上午、工作日晚上', '周末上午');
    await screenshot(page, 'volunteer-02-register-filled');
    await screen(page).getByText('提交注册').click();

    await screen(page).locator('.register__status').getByText('待审核', { exact: true }).waitFor();
    await screen(page).getByText(`姓名：${MASKED}`, { exact: false }).waitFor();
    await settle(page);
    await screenshot(page, 'volunteer-03-register-pending');
    expect((await team({ action: 'myVolunteer' }, me)).data).toMatchObject({
      status: 'pending',
      realNameMasked: MASKED,
      phoneMasked: '139****8888',
      skills: ['助餐送餐', '陪伴聊天', '理发'],
      availability: '周末上午',
      canJoinTeams: false,
    });

    // While pending, the team list explains and links back here instead of offering 申请加入.
    await openAs(page, env.cloud.url, me, '/pages/volunteer/teams/index');
    await screen(page).getByText('志愿者注册审核中').waitFor();
    expect(await screen(page).getByText('申请加入', { exact: true }).count()).toBe(0);
    await screenshot(page, 'volunteer-04-teams-pending');

    // The staff approval screen is someone else's: approve through the function as the institute.
    expect(await team({ action: 'decideVolunteer', openid: me, approve: true }, INSTITUTE)).toMatchObject({ ok: true });
    await openAs(page, env.cloud.url, me, '/pages/volunteer/register/index');
    await screen(page).locator('.register__status').getByText('已通过', { exact: true }).waitFor();
    await screen(page).getByText('去加入志愿服务队').waitFor();
    await screenshot(page, 'volunteer-05-register-approved');
  });

  it('the approved volunteer asks to join 豆花帮帮团 with a note; the card reads 申请中', async () => {
    const { page } = env.phone;
    const me = confirmedResident._id;
    await screen(page).getByText('去加入志愿服务队').click();
    await settle(page);
    await screen(page).getByText('我的队伍').waitFor();
    await screen(page).getByText('还没有加入志愿服务队').waitFor();
    const card = screen(page).locator('.teams__card', { hasText: TEAM.name });
    await card.getByText('服务区域：', { exact: false }).waitFor();
    await screenshot(page, 'volunteer-06-teams');

    await card.getByText('申请加入', { exact: true }).click();
    await card.getByText(`申请加入「${TEAM.name}」`).waitFor();
    await card.locator('input').fill(NOTE);
    await card.locator('.join-team').evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await screenshot(page, 'volunteer-07-join-note');
    await card.getByText('提交申请', { exact: true }).click();
    await card.locator('.vol-badge', { hasText: '申请中' }).waitFor();
    await card.getByText('已申请加入，等待队长处理').waitFor();
    await screenshot(page, 'volunteer-08-teams-requested');

    const open = env.cloud.store.find('team_join_requests', { teamId: TEAM._id, openid: me, status: 'open' });
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ note: NOTE });
    // A seed volunteer asks too: the leader will turn that one down.
    expect((await team({ action: 'requestJoin', teamId: TEAM._id }, OTHER._id)).ok).toBe(true);
  });

  it('the leader sees both requests, turns one down after confirming, approves the volunteer', async () => {
    const { page } = env.phone;
    const me = confirmedResident._id;
    await openAs(page, env.cloud.url, LEADER, teamUrl);
    await screen(page).getByText('入队申请（2）').waitFor();
    const mine = screen(page).locator('.team__request', { hasText: NOTE });
    await mine.getByText(MASKED, { exact: false }).waitFor();
    await mine.getByText('理发').waitFor();
    await screenshot(page, 'volunteer-09-leader-requests');

    const other = screen(page).locator('.team__request').filter({ hasNotText: NOTE });
    await other.getByText('拒绝', { exact: true }).click();
    await page.getByText(`确定拒绝 ${OTHER.displayName} 加入本队吗？`).waitFor();
    await page.waitForTimeout(400); // the modal fades in
    await screenshot(page, 'volunteer-10-reject-confirm');
    await page.getByText('拒绝', { exact: true }).last().click();
    await screen(page).getByText('入队申请（1）').waitFor();
    expect(env.cloud.store.find('team_join_requests', { teamId: TEAM._id, openid: OTHER._id })).toEqual([
      expect.objectContaining({ status: 'rejected' }),
    ]);

    await mine.getByText('同意', { exact: true }).click();
    await screen(page).getByText('暂无待处理的入队申请').waitFor();
    await members().filter({ hasText: MASKED }).getByText('队员').waitFor();
    await settle(page);
    await screenshot(page, 'volunteer-11-leader-approved');
    const stored = env.cloud.store.findById('teams', TEAM._id) as unknown as Team;
    expect(stored.memberOpenids).toContain(me);
    expect(stored.memberOpenids).not.toContain(OTHER._id);

    // The leader cannot simply leave: the refusal is explained on the page.
    await screen(page).getByText('退出队伍', { exact: true }).click();
    await page.getByText(`确定退出「${TEAM.name}」吗？`).waitFor();
    await page.getByText('退出', { exact: true }).last().click();
    await screen(page).locator('.team__refused', { hasText: '队长需要先把队长移交给其他队员，才能退出队伍' }).waitFor();
    await screenshot(page, 'volunteer-12-leader-cannot-leave');
    expect((env.cloud.store.findById('teams', TEAM._id) as unknown as Team).leaderOpenid).toBe(LEADER);
  });

  it('the volunteer sees the team as a member (我的队伍 too), leaves after confirming, and is gone from the members', async () => {
    const { page } = env.phone;
    const me = confirmedResident._id;
    await openAs(page, env.cloud.url, me, '/pages/volunteer/teams/index');
    const myCard = screen(page).locator('.teams__card', { hasText: TEAM.name }).first();
    await myCard.locator('.vol-badge', { hasText: '成员' }).waitFor();
    await screenshot(page, 'volunteer-13-teams-member');
    await myCard.locator('.teams__card-main').click();
    await settle(page);

    await screen(page).locator('.team__head .vol-badge', { hasText: '成员' }).waitFor();
    await members().filter({ hasText: MASKED }).getByText('队员').waitFor();
    const before = await members().count();
    expect(before).toBe(TEAM.memberOpenids.length + 1);
    await members()
      .filter({ hasText: MASKED })
      .evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await screenshot(page, 'volunteer-14-team-member');

    // Saying no to the question leaves everything as it was.
    await screen(page).getByText('退出队伍', { exact: true }).click();
    await page.getByText(`确定退出「${TEAM.name}」吗？`).waitFor();
    await page.waitForTimeout(400);
    await screenshot(page, 'volunteer-15-leave-confirm');
    await page.getByText('取消', { exact: true }).last().click();
    await page.waitForTimeout(300);
    expect((env.cloud.store.findById('teams', TEAM._id) as unknown as Team).memberOpenids).toContain(me);

    await screen(page).getByText('退出队伍', { exact: true }).click();
    await page.getByText('退出', { exact: true }).last().click();
    await screen(page).getByText('申请加入', { exact: true }).waitFor();
    expect(await members().filter({ hasText: MASKED }).count()).toBe(0);
    expect(await members().count()).toBe(before - 1);
    await settle(page);
    await screenshot(page, 'volunteer-16-team-left');
    expect((env.cloud.store.findById('teams', TEAM._id) as unknown as Team).memberOpenids).not.toContain(me);
    expect((await team({ action: 'teamDetail', teamId: TEAM._id }, me)).data.myRelation).toBe('none');
    const roles = (env.cloud.store.findById('users', me) as unknown as UserProfile).roles;
    expect(roles).not.toContainEqual({ role: 'volunteer', scopeId: TEAM._id });
  });

  it('适老化: the team page in elder mode', async () => {
    const { page } = env.phone;
    await page.evaluate(() => localStorage.setItem('ui.elder', JSON.stringify({ data: true })));
    await openAs(page, env.cloud.url, LEADER, teamUrl);
    await screen(page).locator('.app-page.elder').waitFor();
    await screen(page).getByText('暂无待处理的入队申请').waitFor();
    await screenshot(page, 'volunteer-17-team-elder');
    await openAs(page, env.cloud.url, 'o-e2e-vol-elder', '/pages/volunteer/register/index');
    await screen(page).locator('.app-page.elder').waitFor();
    await screen(page).getByText('填写注册信息').waitFor();
    await screenshot(page, 'volunteer-18-register-elder');
    expect(errors).toEqual([]);
  });

  it('移交队长: the leader picks a member, confirms, and becomes a plain member', async () => {
    const { page } = env.phone;
    await page.evaluate(() => localStorage.removeItem('ui.elder'));
    await openAs(page, env.cloud.url, LEADER, teamUrl);
    await screen(page).getByText('移交队长', { exact: true }).click();
    await screen(page).getByText('请选择新队长：移交后你将成为普通队员。').waitFor();
    const next = members()
      .filter({ has: page.getByText('移交给TA', { exact: true }) })
      .first();
    const name = ((await next.locator('.team__member-name').textContent()) ?? '').trim();
    await screenshot(page, 'volunteer-19-hand-over-pick');
    await next.getByText('移交给TA', { exact: true }).click();
    await page.getByText(`确定把队长移交给 ${name} 吗？移交后你将成为普通队员。`).waitFor();
    await page.getByText('移交', { exact: true }).last().click();
    await screen(page).locator('.team__head .vol-badge', { hasText: '成员' }).waitFor();
    await members().first().getByText('队长').waitFor();
    expect((await members().first().locator('.team__member-name').textContent())?.trim()).toBe(name);
    // No longer the leader: no join requests, no hand-over.
    expect(await screen(page).getByText('入队申请', { exact: false }).count()).toBe(0);
    expect(await screen(page).getByText('移交队长', { exact: true }).count()).toBe(0);
    await settle(page);
    await screenshot(page, 'volunteer-20-handed-over');
    const stored = env.cloud.store.findById('teams', TEAM._id) as unknown as Team;
    expect(stored.leaderOpenid).not.toBe(LEADER);
    expect(stored.memberOpenids).toContain(LEADER);
    expect(errors).toEqual([]);
  });
});
