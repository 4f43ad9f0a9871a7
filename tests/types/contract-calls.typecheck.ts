/**
 * Compiled by `tsc` in `npm test`, never run: each `@ts-expect-error` marks a call the contracts
 * must refuse. If a contract stopped biting (an action, an input field or an answer field no
 * longer checked), the directive would be unused and `tsc` would fail.
 */
import { catalogFn } from '@/contracts';
import { callCloud } from '@/services/cloud';

export async function catalogCallsAreChecked(): Promise<string[]> {
  const menu = await callCloud(catalogFn, 'listCategories');
  const names: string[] = menu.categories.map((c) => c.name);

  // @ts-expect-error an action that takes nothing refuses fields
  await callCloud(catalogFn, 'listCategories', { categoryId: 'c1' });
  // @ts-expect-error a misspelt action
  await callCloud(catalogFn, 'listCategory');
  // @ts-expect-error a wrong input field
  await callCloud(catalogFn, 'listItems', { category: 'c1' });
  // @ts-expect-error a required input left out
  await callCloud(catalogFn, 'listItems');
  // @ts-expect-error a wrong input type
  await callCloud(catalogFn, 'listItems', { categoryId: 7 });
  const items = await callCloud(catalogFn, 'listItems', { categoryId: 'c1' });
  // @ts-expect-error a wrong answer field
  items.entries;
  return names;
}
