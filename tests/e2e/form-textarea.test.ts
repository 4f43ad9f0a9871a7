import type { Page } from 'playwright-core';
import { screenshot, settle } from '../support/browser';
import { cloudAndPhone, screen } from '../support/browser-cloud';
import { confirmedResident, enterAs } from './resident-support';

jest.setTimeout(120_000);

interface TextareaFacts {
  outer: { x: number; y: number; width: number; height: number };
  inner: { x: number; y: number; width: number; height: number };
  padding: { top: number; bottom: number; left: number; right: number };
  resize: string;
  background: string;
  fontSize: number;
  placeholderFontSize: number;
  hintTop: number | null;
}

/** Geometry and style of the first multi-line field on screen: Taro's wrapper (our class) and the native box in it. */
async function textareaFacts(page: Page): Promise<TextareaFacts> {
  return screen(page)
    .locator('.form-field')
    .filter({ has: page.locator('.form-field__textarea') })
    .first()
    .evaluate((field) => {
      const outer = field.querySelector('.form-field__textarea') as HTMLElement;
      const inner = outer.querySelector('textarea') as HTMLTextAreaElement;
      const hint = field.querySelector('.form-field__hint, .form-field__error') as HTMLElement | null;
      const rect = (el: Element) => {
        const r = el.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      };
      const o = getComputedStyle(outer);
      const i = getComputedStyle(inner);
      return {
        outer: rect(outer),
        inner: rect(inner),
        padding: {
          top: Number.parseFloat(o.paddingTop),
          bottom: Number.parseFloat(o.paddingBottom),
          left: Number.parseFloat(o.paddingLeft),
          right: Number.parseFloat(o.paddingRight),
        },
        resize: i.resize,
        background: i.backgroundColor,
        fontSize: Number.parseFloat(i.fontSize),
        placeholderFontSize: Number.parseFloat(getComputedStyle(inner, '::placeholder').fontSize),
        hintTop: hint ? hint.getBoundingClientRect().top : null,
      };
    });
}

/** The native box fills the field's padding box exactly, cannot be resized, draws no box of its own; placeholder at text size; the hint below. */
function expectWellFormed(f: TextareaFacts) {
  const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1.5);
  near(f.inner.x, f.outer.x + f.padding.left);
  near(f.inner.y, f.outer.y + f.padding.top);
  near(f.inner.x + f.inner.width, f.outer.x + f.outer.width - f.padding.right);
  near(f.inner.y + f.inner.height, f.outer.y + f.outer.height - f.padding.bottom);
  expect(f.resize).toBe('none');
  expect(f.background).toBe('rgba(0, 0, 0, 0)');
  expect(f.placeholderFontSize).toBeCloseTo(f.fontSize, 0);
  expect(f.fontSize).toBeGreaterThanOrEqual(16);
  if (f.hintTop !== null) expect(f.hintTop).toBeGreaterThanOrEqual(f.outer.y + f.outer.height);
}

async function openOrderForm(page: Page) {
  await page.getByText('便民维修').first().click();
  await settle(page);
  await page.locator('.items__item', { hasText: '水电维修' }).getByText('我要点单').click();
  await settle(page);
  await screen(page).locator('.form-field__textarea').first().waitFor();
}

describe('multi-line text boxes: one field, well formed on every form, also in 适老化', () => {
  const env = cloudAndPhone();

  it('the order form’s 需求描述 box fills its field, has no resize handle, placeholder at text size, hint below', async () => {
    const { page } = env.phone;
    await enterAs(page, env.cloud.url, confirmedResident._id);
    await openOrderForm(page);
    const normal = await textareaFacts(page);
    expectWellFormed(normal);
    await screenshot(page, 'textarea-01-order-form');

    // 适老化 (the switch in 我的): the same facts, larger text.
    await page.goto(`${env.cloud.url}/#/pages/mine/index`);
    await settle(page);
    await page.locator('.taro_page_stationed:visible taro-switch-core').click();
    await page.locator('.taro_page_stationed:visible .app-page.elder').waitFor();
    await page.goto(`${env.cloud.url}/#/pages/index/index`);
    await page.reload();
    await settle(page);
    await openOrderForm(page);
    const elder = await textareaFacts(page);
    expectWellFormed(elder);
    expect(elder.fontSize).toBeGreaterThan(normal.fontSize);
    await screenshot(page, 'textarea-02-order-form-elder');
  });
});
