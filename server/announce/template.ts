/**
 * The subscribe-message template of announcements (公告提醒). Production: pick a template in
 * 公众平台 → 订阅消息 with fields thing1 (title), thing2 (category), time3 (published at) and set
 * its id as env TEMPLATE_ANNOUNCEMENT of the `announce` function. Locally the placeholder is used.
 */
export function announceTemplateId(): string {
  return process.env.TEMPLATE_ANNOUNCEMENT?.trim() || 'TEMPLATE_ANNOUNCEMENT';
}

/** Where robot messages are POSTed: `${base}${key}`. The local cloud sets its own receiver. */
export function robotWebhookBase(): string {
  return process.env.ROBOT_WEBHOOK_BASE?.trim() || 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=';
}
