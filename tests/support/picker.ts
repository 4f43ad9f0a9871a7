import type { Page } from 'playwright-core';

/** The picker sheet that is open (Taro H5's weui picker). */
export const pickerSheet = (page: Page) => page.locator('.weui-picker:visible');

const column = (page: Page, index: number) => pickerSheet(page).locator('taro-picker-group').nth(index);

/** Rows of a column with their centres, and the column's middle band (what 确定 would choose). */
async function rowsOf(page: Page, index: number) {
  const frame = await column(page, index).boundingBox();
  if (!frame) throw new Error(`picker column ${index} is not on screen`);
  const rows = await column(page, index)
    .locator('.weui-picker__item')
    .evaluateAll((cells) =>
      cells.map((c) => {
        const r = c.getBoundingClientRect();
        return { text: (c.textContent ?? '').trim(), x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }),
    );
  return { rows, middle: frame.y + frame.height / 2 };
}

/** The row a picker column shows in its middle band. */
export async function pickedIn(page: Page, index: number): Promise<string> {
  const { rows, middle } = await rowsOf(page, index);
  rows.sort((a, b) => Math.abs(a.y - middle) - Math.abs(b.y - middle));
  return rows[0]?.text ?? '';
}

/**
 * Turns one column of the open picker to `value` by tapping that row (the copy nearest the
 * middle), as a finger would, until the column shows it. Each tap waits until the sheet has
 * stopped sliding up and the column has stopped turning (both run late on a busy machine).
 * Chromium sometimes follows a touch tap with the compatibility mouse events, which the picker
 * takes as a second tap and turns on as far again: the next round taps back.
 */
export async function turnPicker(page: Page, index: number, value: string): Promise<void> {
  for (let round = 0; round < 6 && (await pickedIn(page, index)) !== value; round++) {
    let last = '';
    for (let i = 0; i < 30; i++) {
      const now = JSON.stringify((await rowsOf(page, index)).rows.slice(0, 3));
      if (now === last) break;
      last = now;
      await page.waitForTimeout(100);
    }
    const { rows, middle } = await rowsOf(page, index);
    const [nearest] = rows.filter((r) => r.text === value).sort((a, b) => Math.abs(a.y - middle) - Math.abs(b.y - middle));
    if (!nearest) throw new Error(`picker column ${index} has no row ${value}`);
    // The column's shading mask lies over the rows and takes the touch, as on a phone.
    await page.touchscreen.tap(nearest.x, nearest.y);
    await page.waitForTimeout(500);
  }
  const shown = await pickedIn(page, index);
  if (shown !== value) throw new Error(`picker column ${index} shows ${shown}, not ${value}`);
}
