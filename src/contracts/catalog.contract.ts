import { z } from 'zod';
import type { CatalogItem } from '../domain/catalog/catalog.types';
import type { CategoryView } from '../domain/order/screen.views';
import { act, defineContract } from './kit';
import { id, none } from './schemas';
/** One tile of the home page's 服务菜单 grid. */
export interface ServiceMenuCategory {
  _id: string;
  name: string;
  icon: string;
  itemCount: number;
}

/** 服务菜单: what residents can order. */
export const catalogContract = defineContract('catalog', {
  listCategories: act(none).answers<{ categories: ServiceMenuCategory[] }>(),
  listItems: act(z.object({ categoryId: id }).strict()).answers<{ items: CatalogItem[] }>(),
  /** One category in one call: its name and its items. */
  category: act(z.object({ categoryId: id }).strict()).answers<CategoryView>(),
});
export type CatalogContract = typeof catalogContract;
