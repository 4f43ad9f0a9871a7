import { z } from 'zod';
import { listCategoryItems, listServiceMenu } from '../../../server/catalog/service-menu.query';
import { action, defineFunction } from '../../../server/kit/define-function';

/** 服务菜单: what residents can order. */
export const main = defineFunction({
  listCategories: action({ input: z.object({}).strict(), run: () => listServiceMenu() }),
  listItems: action({
    input: z.object({ categoryId: z.string().min(1).max(64) }).strict(),
    run: ({ categoryId }) => listCategoryItems(categoryId),
  }),
});
