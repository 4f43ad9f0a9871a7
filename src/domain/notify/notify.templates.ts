/**
 * Subscribe-message templates (订阅消息模板) the order lifecycle sends, and their fields.
 *
 * The template ids themselves are deployment settings (TEMPLATE_<KEY> of the notify function,
 * read by server/kit/config.ts); here live the keys and the field layout every
 * template must have when it is picked in the 公众平台 (mp.weixin.qq.com → 订阅消息 → 选用模板).
 * Field keys carry WeChat's type prefix, which decides the limit: `thing` ≤ 20 chars,
 * `phrase` ≤ 5 (Chinese), `time` a date-time, `character_string` ≤ 32, `name` ≤ 10 Chinese.
 */
export const TEMPLATE_KEYS = ['ORDER_STATUS', 'ORDER_ASSIGNED', 'ORDER_ALERT', 'FOLLOW_UP', 'ACTIVITY_REMINDER'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export interface TemplateSpec {
  /** What to search for in the 公众平台 template library. */
  title: string;
  /** Who receives it. */
  audience: string;
  /** Field key → what it shows (the keys must match the template picked in production). */
  fields: Readonly<Record<string, string>>;
}

export const TEMPLATES: Readonly<Record<TemplateKey, TemplateSpec>> = {
  ORDER_STATUS: {
    title: '服务进度通知',
    audience: 'resident (and the building head who ordered for them)',
    fields: { thing1: '服务项目', phrase2: '订单状态', thing3: '说明', time4: '更新时间' },
  },
  ORDER_ASSIGNED: {
    title: '派单通知',
    audience: 'leader of the team the order was dispatched to',
    fields: { thing1: '服务项目', thing2: '服务地址', time3: '期望服务时间', thing4: '说明' },
  },
  ORDER_ALERT: {
    title: '工单提醒',
    audience: 'station / institute staff who subscribed to order alerts',
    fields: { thing1: '服务项目', phrase2: '事项', thing3: '服务地址', thing4: '说明' },
  },
  FOLLOW_UP: {
    title: '服务回访提醒',
    audience: 'resident, some days after the order closed (回头看)',
    fields: { thing1: '服务项目', thing2: '回访内容', time3: '完成时间' },
  },
  ACTIVITY_REMINDER: {
    title: '活动开始提醒',
    audience: 'volunteers with a place in a 志愿活动 session starting within a day (queued by the activity timer)',
    fields: { thing1: '活动名称', time2: '开始时间', thing3: '活动地点', thing4: '温馨提示' },
  },
};

/** Screens the messages open (the mini-program's order detail page). */
export const orderPageOf = (orderId: string): string => `pages/order-detail/index?id=${encodeURIComponent(orderId)}`;
