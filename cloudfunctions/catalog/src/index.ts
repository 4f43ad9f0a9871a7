import { categoryView, listCategoryItems, listServiceMenu } from '../../../server/catalog/service-menu.query';
import { defineFunction } from '../../../server/kit/define-function';
import { catalogContract } from '../../../src/contracts/catalog.contract';

/** 服务菜单: what residents can order. */
export const main = defineFunction(catalogContract, {
  listCategories: () => listServiceMenu(),
  listItems: ({ categoryId }) => listCategoryItems(categoryId),
  category: ({ categoryId }) => categoryView(categoryId),
});
