import type { Locator, Page } from 'playwright-core';
import type { UserProfile } from '../../src/domain/identity/role';
import type { OrgUnit } from '../../src/domain/org/org.types';
import { screenshot, settle } from '../support/browser';
import { cloudAndPhone, screen } from '../support/browser-cloud';
import { pickerSheet, turnPicker } from '../support/picker';
import { SAMPLE_PHOTO } from '../support/sample-photo';
import { enterAs, fillByPlaceholder, seed } from './resident-support';

jest.setTimeout(180_000);

/** Demo seed: 和平社区's station staff; the draft goes to one 小区, then (edited) to two. */
const STATION = 'o-station-01';
const COMMUNITY = 'org-community-01';
const FIRST_ESTATE = '天府花园';
const ADDED_ESTATE = '锦城丽苑';
const DRAFT_TITLE = '垃圾分类宣传周';
const EDITED_TITLE = '垃圾分类宣传周：周六上午集中答疑';
/** What the author types; 加粗 and 列表 then turn it into BODY. */
const TYPED = '各位居民：\n\n本周是垃圾分类宣传周，欢迎参加，活动包括：\n周六上午集中答疑\n发放分类垃圾袋';
const BODY = '各位居民：\n\n本周是**垃圾分类宣传周**，欢迎参加，活动包括：\n- 周六上午集中答疑\n- 发放分类垃圾袋';

const units = seed.org_units as unknown as OrgUnit[];
const users = seed.users as unknown as UserProfile[];
const estateId = (name: string) => units.find((u) => u.kind === 'estate' && u.parentId === COMMUNITY && u.name === name)?._id as string;
const resident = users.find(
  (u) =>
    u.binding === 'confirmed' &&
    u.roles.every((g) => g.role === 'resident') &&
    units.some((b) => b._id === u.buildingId && b.kind === 'building' && b.parentId === estateId(ADDED_ESTATE)),
) as UserProfile;

const button = (page: Page, label: string | RegExp) => screen(page).locator('.async-button', { hasText: label });

/** Selects `part` of the body's text, as a finger or mouse would, then presses a formatting button. */
async function selectAndPress(page: Page, part: string, tool: '加粗' | '• 列表') {
  const box = screen(page).locator('textarea[placeholder="公告正文"]');
  await box.evaluate((el: HTMLTextAreaElement, p: string) => {
    el.focus();
    const at = el.value.indexOf(p);
    el.setSelectionRange(at, at + p.length);
  }, part);
  await screen(page).locator('.compose__tool', { hasText: tool }).click();
}

/**
 * The bold run flows inside its sentence: it starts on the line where the words before it end, and
 * the words after it go on from the line where it ends (a block-like run would push them down).
 */
async function boldInline(bold: Locator) {
  const tops = await bold.evaluate((el) => {
    const rects = (e: Element | null) => (e ? Array.from(e.getClientRects()).map((r) => Math.round(r.top)) : []);
    return { prev: rects(el.previousElementSibling), mine: rects(el), next: rects(el.nextElementSibling) };
  });
  expect(tops.mine.length).toBeGreaterThan(0);
  expect(Math.abs((tops.mine[0] as number) - (tops.prev[tops.prev.length - 1] as number))).toBeLessThan(4);
  expect(Math.abs((tops.next[0] as number) - (tops.mine[tops.mine.length - 1] as number))).toBeLessThan(4);
}

/** Waits until the picture really decoded (a cloud:// cover needs the gateway's URL in the browser). */
async function shown(img: Locator) {
  await img.waitFor();
  await img.evaluate((el: HTMLImageElement) => el.decode());
  expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(64);
}

/** The open picker sheet (Taro's H5 picker: a weui sheet inside the picker element). */
const sheet = pickerSheet;

describe('announcement drafts in the browser: save → reopen → edit → 定时发布 → falls due → in the feed', () => {
  const env = cloudAndPhone();
  beforeAll(() => {
    if (!resident) throw new Error(`the demo seed lacks a plain resident in ${ADDED_ESTATE}`);
  });

  it('staff save a draft, reopen and edit it, schedule it; after its time a targeted resident finds it in the feed', async () => {
    const { page } = env.phone;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // 1. A draft to one 小区, saved without publishing.
    await enterAs(page, env.cloud.url, STATION);
    await page.getByText('我的', { exact: true }).last().click();
    await settle(page);
    await screen(page).getByText('发布公告', { exact: true }).click();
    await settle(page);
    await button(page, '写公告').click();
    await settle(page);
    await screen(page).locator('.ttree__pick', { hasText: FIRST_ESTATE }).waitFor();
    await fillByPlaceholder(page, '例如：创建文明城市，从我做起', DRAFT_TITLE);
    // No markdown to learn: select words and press 加粗, select lines and press 列表.
    expect(await screen(page).getByText('**', { exact: false }).count()).toBe(0);
    await screen(page).getByText('选中文字后点「加粗」或「列表」', { exact: false }).waitFor();
    await fillByPlaceholder(page, '公告正文', TYPED);
    await selectAndPress(page, '垃圾分类宣传周', '加粗');
    await selectAndPress(page, '周六上午集中答疑\n发放分类垃圾袋', '• 列表');
    const bodyBox = screen(page).locator('textarea[placeholder="公告正文"]');
    expect(await bodyBox.inputValue()).toBe(BODY);
    // 加粗 again on the bold words makes them plain; once more, bold again.
    await selectAndPress(page, '垃圾分类宣传周', '加粗');
    expect(await bodyBox.inputValue()).toBe(BODY.replace('**垃圾分类宣传周**', '垃圾分类宣传周'));
    await selectAndPress(page, '垃圾分类宣传周', '加粗');
    expect(await bodyBox.inputValue()).toBe(BODY);
    await screen(page).locator('.ttree__pick', { hasText: FIRST_ESTATE }).click();
    await screen(page).getByText('立即发布', { exact: true }).waitFor();
    await screen(page).locator('.compose__toolbar').scrollIntoViewIfNeeded();
    await screenshot(page, 'announce-compose-00-toolbar');
    await button(page, '保存并预览').click();
    await settle(page);
    await screen(page).getByText('预览：居民看到的样子如下，确认无误后发布').waitFor();
    // The preview: bold inside the sentence, the list, and which 楼栋 will get it before 发布.
    await boldInline(screen(page).locator('.apreview__card .ann-body__bold', { hasText: '垃圾分类宣传周' }));
    expect(await screen(page).locator('.apreview__card .ann-body__item').allTextContents()).toEqual([
      '•周六上午集中答疑',
      '•发放分类垃圾袋',
    ]);
    await screen(page).locator('.apreview__recipients-title', { hasText: '将推送到：8 个楼栋' }).waitFor();
    expect(await screen(page).locator('.apreview__estate-name').allTextContents()).toEqual(['和平社区 · 天府花园（8 栋）']);
    expect(await screen(page).locator('.apreview__estate-buildings').textContent()).toBe('1栋、2栋、3栋、4栋、5栋、6栋、7栋、8栋');
    await screen(page).locator('.apreview__recipients').scrollIntoViewIfNeeded();
    await screenshot(page, 'announce-compose-01b-preview-recipients');
    const [saved] = env.cloud.store.find('announcements', { title: DRAFT_TITLE });
    const id = String(saved?._id);
    expect(saved).toMatchObject({ state: 'draft', publishAt: null, targets: [estateId(FIRST_ESTATE)] });

    // 2. Back on 发布公告: the draft is listed with 修改.
    await page.goBack();
    await settle(page);
    const card = screen(page).locator('.ann-card', { hasText: DRAFT_TITLE });
    await card.getByText('草稿', { exact: true }).waitFor();
    await screenshot(page, 'announce-compose-01-list-draft');

    // 3. Reopened: the saved fields are back in the form.
    await card.getByText('修改 ›').click();
    await settle(page);
    const titleInput = screen(page).locator('input[placeholder="例如：创建文明城市，从我做起"]');
    await screen(page).getByText('已选 1 项', { exact: false }).waitFor();
    expect(await titleInput.inputValue()).toBe(DRAFT_TITLE);
    expect(await screen(page).locator('textarea[placeholder="公告正文"]').inputValue()).toBe(BODY);

    // Leaving with unsaved edits asks first; 取消 keeps them.
    await fillByPlaceholder(page, '例如：创建文明城市，从我做起', EDITED_TITLE);
    await button(page, '放弃修改').click();
    await page.getByText('还没有保存的内容将会丢失。').waitFor();
    await page.getByText('取消', { exact: true }).last().click();
    expect(await titleInput.inputValue()).toBe(EDITED_TITLE);

    // 4. Edited: a cover, a second 小区, and 定时发布 with the time picker turned to three past.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), screen(page).locator('.photo-picker__add').click()]);
    await chooser.setFiles(SAMPLE_PHOTO);
    await shown(screen(page).locator('.photo-picker__cell img'));
    await screen(page).locator('.ttree__pick', { hasText: ADDED_ESTATE }).click();
    await screen(page).getByText('已选 2 项', { exact: false }).waitFor();
    await screen(page).getByText('定时发布', { exact: true }).click();
    await screen(page).getByText('将于', { exact: false }).waitFor();
    const timePicker = screen(page).locator('.form-field', { hasText: '时间' }).locator('.form-field__picker');
    const before = ((await timePicker.textContent()) ?? '').replace('▾', '').trim();
    expect(before).toMatch(/^\d{2}:00$/);
    await timePicker.click();
    await sheet(page).waitFor();
    // The sheet slides up (0.3 s) before its rows stay where a finger would tap them.
    await page.waitForTimeout(600);
    // Minutes: 00 → 03.
    await turnPicker(page, 1, '03');
    await screenshot(page, 'announce-compose-02-time-picker');
    await sheet(page).locator('.weui-picker__action', { hasText: '确定' }).click();
    await sheet(page).waitFor({ state: 'hidden' });
    const chosen = before.replace(':00', ':03');
    await screen(page).locator('.form-field__picker', { hasText: chosen }).waitFor();
    await screen(page).locator('.schedule__summary', { hasText: chosen }).waitFor();
    await screen(page).locator('.schedule').scrollIntoViewIfNeeded();
    await screenshot(page, 'announce-compose-03-edited-scheduled');

    // 5. Saved (back to the preview), then 定时发布 after a confirmation.
    await button(page, '保存并预览').click();
    await settle(page);
    await screen(page).getByText(`将于`, { exact: false }).first().waitFor();
    await screen(page).locator('.apreview__title', { hasText: EDITED_TITLE }).waitFor();
    await shown(screen(page).locator('.apreview__card .ann-cover img'));
    const second = units.filter((u) => u.kind === 'building' && u.parentId === estateId(ADDED_ESTATE)).length;
    await screen(page)
      .locator('.apreview__recipients-title', { hasText: `将推送到：${8 + second} 个楼栋（2 个小区）` })
      .waitFor();
    expect(await screen(page).locator('.apreview__estate-name').allTextContents()).toEqual([
      '和平社区 · 天府花园（8 栋）',
      `和平社区 · ${ADDED_ESTATE}（${second} 栋）`,
    ]);
    await screenshot(page, 'announce-compose-04-preview-scheduled');
    await button(page, /^定时发布$/).click();
    await page.getByText('定时发布这条公告吗？').waitFor();
    await page.getByText('确认定时', { exact: true }).click();
    await screen(page).getByText('已定时发布', { exact: true }).waitFor();
    const doc = env.cloud.store.findById('announcements', id) as { state: string; title: string; publishAt: number; targets: string[] };
    expect(doc).toMatchObject({
      state: 'scheduled',
      title: EDITED_TITLE,
      targets: [estateId(FIRST_ESTATE), estateId(ADDED_ESTATE)],
      coverFileId: expect.stringMatching(/^cloud:\/\/.+\/announce\/covers\//),
    });
    expect(await page.evaluate((at) => new Date(at).getMinutes(), doc.publishAt)).toBe(3);
    expect(doc.publishAt).toBeGreaterThan(Date.now());

    // 6. The list says 定时发布 and when.
    await button(page, '返回我的公告').click();
    await settle(page);
    const scheduledCard = screen(page).locator('.ann-card', { hasText: EDITED_TITLE });
    await scheduledCard.locator('.amanage__state', { hasText: '定时发布' }).waitFor();
    await scheduledCard.locator('.amanage__when', { hasText: '自动发布' }).waitFor();
    expect(await scheduledCard.locator('.amanage__when').textContent()).toContain(chosen);
    await screenshot(page, 'announce-compose-05-list-scheduled');

    // 7. A resident of the added 小区: nothing yet.
    await enterAs(page, env.cloud.url, resident._id);
    await page.goto(`${env.cloud.url}/#/pages/announce/feed`);
    await settle(page);
    await screen(page).locator('.paged-list, .state-view').first().waitFor();
    expect(await screen(page).getByText(EDITED_TITLE).count()).toBe(0);

    // 8. The local cloud's clock passes the time: the drain timer publishes it.
    const clock = (await (await fetch(`${env.cloud.url}/_dev/clock`)).json()) as { offsetMs: number };
    const advanceMs = doc.publishAt - (Date.now() + clock.offsetMs) + 60_000;
    const moved = await fetch(`${env.cloud.url}/_dev/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs }),
    });
    expect(moved.status).toBe(200);
    expect(env.cloud.store.findById('announcements', id)).toMatchObject({ state: 'published' });
    expect(env.cloud.store.count('announcement_deliveries', { announcementId: id, recipient: resident._id, channel: 'feed' })).toBe(1);

    await page.reload();
    await settle(page);
    const item = screen(page).locator('.ann-card', { hasText: EDITED_TITLE });
    await item.getByText('未读', { exact: false }).waitFor();
    await shown(item.locator('.ann-card__cover img'));
    await screenshot(page, 'announce-compose-06-resident-feed');
    await item.locator('.ann-card__title').click();
    await settle(page);
    await screen(page).locator('.adetail__title', { hasText: EDITED_TITLE }).waitFor();
    await shown(screen(page).locator('.adetail__card .ann-cover img'));
    await screenshot(page, 'announce-compose-07-resident-detail');
    await screen(page).locator('.ann-body__bold', { hasText: '垃圾分类宣传周' }).waitFor();
    await boldInline(screen(page).locator('.adetail__card .ann-body__bold', { hasText: '垃圾分类宣传周' }));

    expect(errors).toEqual([]);
  });

  it('适老化: the list and the 发布时间 pickers in large type', async () => {
    const { page } = env.phone;
    await enterAs(page, env.cloud.url, STATION);
    await page.goto(`${env.cloud.url}/#/pages/mine/index`);
    await settle(page);
    await screen(page).getByText('适老化模式').waitFor();
    await screen(page).locator('taro-switch-core').click();
    await screen(page).locator('.app-page.elder').waitFor();

    const { id } = (
      await env.cloud.call(
        'announce',
        {
          action: 'create',
          title: '敬老院志愿活动招募',
          body: '欢迎报名。',
          category: '活动招募',
          targets: [COMMUNITY],
          publishAt: Date.now() + 3 * 3_600_000,
        },
        STATION,
      )
    ).body.result.data;
    await page.goto(`${env.cloud.url}/#/pages/announce/manage`);
    await settle(page);
    await screen(page).locator('.app-page.elder .amanage__when', { hasText: '待确认' }).waitFor();
    await screenshot(page, 'announce-compose-08-list-elder');

    await screen(page).locator('.ann-card', { hasText: '敬老院志愿活动招募' }).getByText('修改 ›').click();
    await settle(page);
    await screen(page).locator('.schedule__summary', { hasText: '自动发布' }).waitFor();
    await screen(page).locator('.schedule').scrollIntoViewIfNeeded();
    await screenshot(page, 'announce-compose-09-schedule-elder');
    // Back to 立即发布 and saved: the time is gone.
    await screen(page).getByText('立即发布', { exact: true }).click();
    await button(page, '保存并预览').click();
    await settle(page);
    await screen(page).getByText('预览：居民看到的样子如下，确认无误后发布').waitFor();
    expect(env.cloud.store.findById('announcements', id)).toMatchObject({ state: 'draft', publishAt: null });
  });
});
