import type { ActivityDoc } from '../../src/domain/activity/activity.types';
import type { AnnouncementDoc } from '../../src/domain/announce/announce.types';
import { screenshot, settle } from '../support/browser';
import { cloudAndPhone, openAs, screen } from '../support/browser-cloud';
import { SAMPLE_PHOTO } from '../support/sample-photo';
import { fillByPlaceholder } from './resident-support';

jest.setTimeout(180_000);

const STATION = 'o-station-01';
/** An approved volunteer who also lives (confirmed) in 和平社区: sees the activity and its 活动招募 announcement. */
const VOLUNTEER = 'o-head-0001';
const TITLE = '清洁家园·天府花园楼道大扫除';

describe('志愿活动 in the browser: the station publishes with a cover and a 活动招募 announcement; a volunteer sees both', () => {
  const env = cloudAndPhone();

  it('发布活动 (cover, 18 周岁以上, 招募公告) → detail with cover → the volunteer’s square and detail → the announcement in their feed', async () => {
    const { page } = env.phone;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await openAs(page, env.cloud.url, STATION, `/pages/activity/create/index?as=${encodeURIComponent('和平社区新时代文明实践站')}`);
    await fillByPlaceholder(page, '例如：清洁家园·楼道大扫除', TITLE);
    await fillByPlaceholder(page, '活动内容', '清理楼道堆物和小广告，请自带手套，穿志愿者马甲');
    await fillByPlaceholder(page, '集合地点', '天府花园 1 栋楼下');
    await fillByPlaceholder(page, '联系人姓名', '刘站长');
    await fillByPlaceholder(page, '11 位手机号', '13800001234');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), screen(page).locator('.photo-picker__add').first().click()]);
    await chooser.setFiles(SAMPLE_PHOTO);
    await screen(page).locator('.photo-picker__cell').first().waitFor();
    await fillByPlaceholder(page, '最小', '18');
    await screen(page).getByText('同时发布活动招募公告').waitFor();
    await settle(page);
    await screenshot(page, 'activity-publish-01-form');
    await screen(page).locator('.async-button', { hasText: '发布活动' }).click();

    // The detail opens with the cover and who may sign up.
    await screen(page).locator('.activity__title', { hasText: TITLE }).waitFor({ timeout: 30_000 });
    await screen(page).locator('.activity__cover img, img.activity__cover').first().waitFor();
    await screen(page).getByText('报名条件：18 周岁以上', { exact: false }).waitFor();
    await settle(page);
    await screenshot(page, 'activity-publish-02-detail');

    const [activity] = env.cloud.store.find('activities', { title: TITLE }) as unknown as ActivityDoc[];
    expect(activity?.cover).toMatch(/^cloud:\/\/.+\/announce\/covers\//);
    expect(activity?.requirements).toMatchObject({ minAge: 18, maxAge: null, partyOnly: false });
    const [announcement] = (env.cloud.store.find('announcements', { category: '活动招募' }) as unknown as AnnouncementDoc[]).filter((a) =>
      a.title.includes(TITLE),
    );
    expect(announcement).toMatchObject({ state: 'published', coverFileId: activity?.cover, targets: ['org-community-01'] });

    // The volunteer finds it on the square, with its cover and requirement.
    await openAs(page, env.cloud.url, VOLUNTEER, '/pages/activity/square/index');
    const card = screen(page).locator('.activity__card', { hasText: TITLE });
    await card.waitFor();
    await card.locator('.activity__cover').first().waitFor();
    await card.getByText('18 周岁以上').waitFor();
    await settle(page);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'activity-publish-03-square');
    await card.click();
    await screen(page).locator('.activity__title', { hasText: TITLE }).waitFor();
    await settle(page);
    await screenshot(page, 'activity-publish-04-volunteer-detail');

    // The announcement reaches their feed (the delivery worker's minute).
    await env.cloud.runtime.invoke('announce', { Type: 'Timer', TriggerName: 'drain' }, { source: 'timer' });
    await page.goto(`${env.cloud.url}/#/pages/announce/feed`);
    await settle(page);
    const item = screen(page).locator('.ann-card', { hasText: `活动招募｜${TITLE}` });
    await item.waitFor();
    await screenshot(page, 'activity-publish-05-feed');
    await item.click();
    await settle(page);
    await screen(page).getByText('活动广场', { exact: false }).first().waitFor();
    await screenshot(page, 'activity-publish-06-announcement');

    // Their registration asks for what requirements read: birth date, party membership, work unit (双报到).
    await openAs(page, env.cloud.url, VOLUNTEER, '/pages/volunteer/register/index');
    await screen(page).getByText('更新技能和服务时间').first().click();
    const birth = screen(page).getByText('出生日期', { exact: true });
    await birth.waitFor();
    await screen(page).getByText('中共党员', { exact: true }).waitFor();
    await birth.scrollIntoViewIfNeeded();
    await settle(page);
    await screenshot(page, 'activity-publish-07-register-facts');

    // Staff see 双报到 per unit.
    env.cloud.store.updateMany(
      'volunteer_profiles',
      { _id: VOLUNTEER },
      { $set: { workUnit: '区卫健委', partyMember: true, partyReportIn: true } },
    );
    await openAs(page, env.cloud.url, STATION, '/pages/activity/units/index');
    await screen(page).locator('.activity__card', { hasText: '区卫健委' }).getByText('其中在职党员报到 1 人', { exact: false }).waitFor();
    await screenshot(page, 'activity-publish-08-units');
    expect(errors).toEqual([]);
  });
});
