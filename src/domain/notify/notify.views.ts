/**
 * What the notify function answers: the types the cloud function builds and the pages read
 * (pure types, shared by both sides).
 */
import type { TemplateKey } from './notify.templates';

/** One subscribe-message template the mini-program may ask a grant for. */
export interface TemplateItem {
  key: TemplateKey;
  /** The id configured for this deployment (what `wx.requestSubscribeMessage` takes). */
  templateId: string;
  title: string;
}

/** `templates`: every order template, for `wx.requestSubscribeMessage`. */
export interface TemplateList {
  items: TemplateItem[];
  keys: TemplateKey[];
}

/** `subscribeAlerts`: the areas whose order alerts the staff member now receives (or stopped receiving). */
export interface AlertSubscription {
  scopes: string[];
  on: boolean;
}
