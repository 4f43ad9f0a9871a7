import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import { screenshot, settle } from '../support/browser';
import { cloudAndPhone, screen } from '../support/browser-cloud';
import { confirmedResident, enterAs, fillByPlaceholder } from './resident-support';

jest.setTimeout(150_000);

const STATION = 'o-station-01';
const DESCRIPTION = '阳台下水管裂了一道缝，滴水到楼下，照片里是裂缝的位置';

/** A real PNG (8-bit RGB, no interlace) drawn by `pixel`; `level` 0 keeps noise at full size. */
function png(width: number, height: number, pixel: (x: number, y: number) => [number, number, number], level = 9): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) raw.set(pixel(x, y), y * (width * 3 + 1) + 1 + x * 3);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A "photo" of a grey wall with a dark diagonal crack. */
const CRACK = png(320, 240, (x, y) => (Math.abs(y - (x * 3) / 4) < 6 ? [60, 40, 30] : [190 + (x % 20), 190, 200 - (y % 30)]));
/** A second one, to remove again: a red tile. */
const TILE = png(160, 160, (x, y) => ((x >> 4) % 2 === (y >> 4) % 2 ? [200, 22, 29] : [250, 240, 240]));
/** Decodable, but over the gateway's 10 MB: 1900 × 1900 of noise, stored uncompressed. */
const HUGE = png(1900, 1900, (x, y) => [(x * 7919 + y * 104729) % 256, (x * y) % 256, (x + y * 31) % 256], 0);

/** Waits until the <img> inside each Taro <Image> in `images` has really decoded. */
async function expectLoaded(images: Locator, count: number): Promise<void> {
  await images.nth(count - 1).waitFor();
  expect(await images.count()).toBe(count);
  for (let i = 0; i < count; i += 1) {
    const img = images.nth(i);
    await img.evaluate(
      (el: HTMLImageElement) =>
        new Promise<void>((resolve, reject) => {
          const check = () =>
            el.complete && el.naturalWidth > 0 ? resolve() : el.complete && el.src ? reject(new Error(`not loaded: ${el.src}`)) : undefined;
          el.addEventListener('load', check);
          el.addEventListener('error', () => reject(new Error(`failed: ${el.src}`)));
          check();
        }),
    );
    expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0);
  }
}

/** Taps 添加照片 and answers the file input Taro.chooseImage opens with `file`. */
async function attach(page: Page, file: { name: string; buffer: Buffer }): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), screen(page).locator('.photo-picker__add').click()]);
  expect(chooser.isMultiple()).toBe(true);
  await chooser.setFiles({ name: file.name, mimeType: 'image/png', buffer: file.buffer });
}

describe('photos on an order in the browser build: attach on the form, see them on both detail pages', () => {
  const env = cloudAndPhone();

  it('resident attaches a photo → submits → it shows on 订单详情 and on the station’s 派单台 detail', async () => {
    const { page } = env.phone;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // The order form, as a resident reaches it.
    await enterAs(page, env.cloud.url, confirmedResident._id);
    await page.getByText('便民维修').first().click();
    await settle(page);
    await page.locator('.items__item', { hasText: '水电维修' }).getByText('我要点单').click();
    await settle(page);
    await fillByPlaceholder(page, '请说明需要什么帮助，例如：厨房水龙头漏水', DESCRIPTION);
    await fillByPlaceholder(page, '11 位手机号', '13800138000');
    const picker = screen(page).locator('.photo-picker');
    await picker.getByText('添加照片').waitFor();

    // Two photos go up through the gateway and show as thumbnails.
    await attach(page, { name: 'crack.png', buffer: CRACK });
    await expectLoaded(picker.locator('.photo-picker__cell img'), 1);
    await attach(page, { name: 'tile.png', buffer: TILE });
    await expectLoaded(picker.locator('.photo-picker__cell img'), 2);
    await picker.scrollIntoViewIfNeeded();
    await screenshot(page, 'photos-01-form-two-photos');

    // A photo over 10 MB is refused with the gateway's reason, and nothing is added.
    expect(HUGE.length).toBeGreaterThan(10 * 1024 * 1024);
    await attach(page, { name: 'huge.png', buffer: HUGE });
    await page.getByText('图片不能超过 10 MB').waitFor();
    await screenshot(page, 'photos-02-form-too-large');
    expect(await picker.locator('.photo-picker__cell').count()).toBe(2);

    // 删除 drops the second one again.
    await picker.locator('.photo-picker__cell').nth(1).getByText('删除').click();
    await expectLoaded(picker.locator('.photo-picker__cell img'), 1);
    await page.getByText('图片不能超过 10 MB').waitFor({ state: 'hidden' });
    await screenshot(page, 'photos-03-form-one-photo');

    await screen(page).getByText('提交点单').click();
    const row = page.locator('.order-card', { hasText: DESCRIPTION });
    await row.waitFor();
    await settle(page);

    // The order holds one cloud:// fileID, stored on disk with the bytes the resident chose.
    const [doc] = env.cloud.store.find('orders', { requesterOpenid: confirmedResident._id, description: DESCRIPTION });
    const photos = doc?.photos as string[];
    expect(photos).toHaveLength(1);
    const prefix = `cloud://${env.cloud.envName}.${env.cloud.envName}-local-bucket/`;
    // Under the resident's own upload key (server/kit/uploads.ts): the only place the order function takes photos from.
    expect(photos[0]).toMatch(new RegExp(`^${prefix.replace(/[.]/g, '\\.')}orders/[A-Za-z0-9_-]+/u[0-9a-f]{20}/\\d+-0\\.png$`));
    const onDisk = path.join(env.cloud.dataDir, 'storage', ...photos[0]!.slice(prefix.length).split('/'));
    expect(existsSync(onDisk) && readFileSync(onDisk).equals(CRACK)).toBe(true);

    // The resident's order detail shows it.
    await row.click();
    await settle(page);
    await screen(page).getByText('订单进度').waitFor();
    await expectLoaded(screen(page).locator('.detail__photos img'), 1);
    await screenshot(page, 'photos-04-resident-detail');

    // Tapping it opens the full-screen preview, with the photo loaded.
    await screen(page).locator('.detail__photos img').click();
    await expectLoaded(page.locator('.preview-image img'), 1);
    await screenshot(page, 'photos-05-resident-preview');
    await page.locator('.preview-image').click();
    await page.locator('.preview-image').waitFor({ state: 'detached' });

    // Station staff see the same photo on the 派单台 order detail.
    await enterAs(page, env.cloud.url, STATION);
    await page.goto(`${env.cloud.url}/#/pages/station/detail/index?orderId=${String(doc?._id)}`);
    await settle(page);
    await screen(page).locator('.sdetail__head').getByText('待受理').waitFor();
    await expectLoaded(screen(page).locator('.cloud-photos img'), 1);
    await screenshot(page, 'photos-06-station-detail');

    expect(errors).toEqual([]);
  });
});
