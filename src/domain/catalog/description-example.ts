/** The order form's placeholder example for a catalog item. Pure: no Taro, `wx` or Node built-ins. */
import type { CatalogItem } from './catalog.types';

/**
 * The example in the order form's description placeholder, of the service being ordered (a meal is
 * not a leaking tap): the item's own `descriptionExample` when the menu sets one, else one that fits
 * its name.
 */
export function descriptionExample(item: Pick<CatalogItem, 'name' | 'kind' | 'descriptionExample'>): string {
  if (item.descriptionExample?.trim()) return item.descriptionExample.trim();
  const examples: [RegExp, string][] = [
    [/助餐|送餐/, '老人行动不便，希望每天中午送一份午餐，少盐'],
    [/维修|修缮/, '厨房水龙头漏水'],
    [/陪伴|谈心|疏导/, '老人独居，希望每周有人上门聊聊天'],
    [/血压|血糖|义诊/, '想请人上门量血压、测血糖'],
    [/手机/, '想学用微信视频通话和扫码'],
    [/法律|遗嘱|赡养/, '想咨询赡养费怎么约定'],
    [/纠纷|调解/, '楼上漏水到我家，和邻居谈不拢'],
    [/清理|杂物/, '楼道里堆了旧家具，挡住了通道'],
    [/垃圾分类/, '想请人来给老人讲讲怎么分类'],
    [/政策/, '想了解高龄津贴怎么申请'],
    [/劝导|不文明/, '小区里有人遛狗不牵绳'],
    [/儿童|课后/, '孩子放学后家里没人，想请人陪着写作业'],
  ];
  const found = examples.find(([pattern]) => pattern.test(item.name));
  if (found) return found[1];
  return item.kind === 'wish' ? '想要一件过冬的棉衣' : '需要做什么、在哪里、有什么要注意的';
}
