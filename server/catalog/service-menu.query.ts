import { CATALOG_CATEGORIES, CATALOG_ITEMS } from '../../database/collections';
import type { ServiceMenuCategory } from '../../src/contracts/catalog.contract';
import { buildMenu } from '../../src/domain/catalog/catalog.rules';
import type { CatalogCategory, CatalogItem } from '../../src/domain/catalog/catalog.types';
import type { CategoryView } from '../../src/domain/order/screen.views';
import { readById, readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';

/** Categories are a short, staff-curated list; items are read per category via the index. */
const MAX_CATEGORIES = 100;

export async function listServiceMenu(): Promise<{ categories: ServiceMenuCategory[] }> {
  const db = database();
  const _ = db.command;
  const categories = await readList<CatalogCategory>(
    db
      .collection(CATALOG_CATEGORIES)
      .where({ order: _.gte(0) })
      .orderBy('order', 'asc')
      .limit(MAX_CATEGORIES),
  );
  if (categories.length === 0) return { categories: [] };
  const items = await readList<CatalogItem>(
    db
      .collection(CATALOG_ITEMS)
      .where({ categoryId: _.in(categories.map((c) => c._id)), active: true })
      .limit(1000),
  );
  return {
    categories: buildMenu(categories, items).map(({ category, items: inCategory }) => ({
      _id: category._id,
      name: category.name,
      icon: category.icon,
      itemCount: inCategory.length,
    })),
  };
}

export async function listCategoryItems(categoryId: string): Promise<{ items: CatalogItem[] }> {
  const items = await readList<CatalogItem>(
    database().collection(CATALOG_ITEMS).where({ categoryId, active: true }).orderBy('order', 'asc').limit(100),
  );
  return { items };
}

/** 服务菜单 → one category in one call: its name (the page title) and its items. */
export async function categoryView(categoryId: string): Promise<CategoryView> {
  const [category, { items }] = await Promise.all([
    readById<CatalogCategory>(CATALOG_CATEGORIES, categoryId),
    listCategoryItems(categoryId),
  ]);
  return { categoryId, name: category?.name ?? '', items };
}
