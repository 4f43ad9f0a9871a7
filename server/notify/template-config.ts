/**
 * Subscribe-message template ids: THE one place they are configured.
 *
 * Production: in 公众平台 (mp.weixin.qq.com) → 功能 → 订阅消息 → 公共模板库, pick for each key
 * below a template with the fields listed in src/domain/notify/notify.templates.ts (same keys,
 * e.g. thing1 / phrase2 / thing3 / time4 — edit the keyword list when picking), then set its id
 * as an environment variable of the `order` and `notify` cloud functions (云开发控制台 → 云函数 →
 * 函数配置 → 环境变量): TEMPLATE_ORDER_STATUS, TEMPLATE_ORDER_ASSIGNED, TEMPLATE_ORDER_ALERT,
 * TEMPLATE_FOLLOW_UP. The mini-program asks for the grant with the same ids
 * (`wx.requestSubscribeMessage`; it gets them from `notify.templates`).
 * MINIPROGRAM_STATE (developer / trial / formal, default formal) picks which version a message opens.
 *
 * Locally the placeholders (the variable names themselves) are used: the local cloud accepts any id.
 */
import { TEMPLATE_KEYS, TEMPLATES, type TemplateKey } from '../../src/domain/notify/notify.templates';

export const templateEnvName = (key: TemplateKey): string => `TEMPLATE_${key}`;

export function templateIdOf(key: TemplateKey): string {
  const name = templateEnvName(key);
  return process.env[name]?.trim() || name;
}

export function miniprogramState(): 'developer' | 'trial' | 'formal' {
  const v = process.env.MINIPROGRAM_STATE;
  return v === 'developer' || v === 'trial' ? v : 'formal';
}

export function templateList(): { key: TemplateKey; templateId: string; title: string }[] {
  return TEMPLATE_KEYS.map((key) => ({ key, templateId: templateIdOf(key), title: TEMPLATES[key].title }));
}
