/**
 * Service menu (服务菜单, catalog): categories and the items residents order.
 *
 * Pure types only: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */
import type { Timestamped } from '../org/org.types';
import type { ItemFormField } from './item-form';

/** Document of collection `catalog_categories`. */
export interface CatalogCategory extends Timestamped {
  _id: string;
  /** e.g. 敬老助残 */
  name: string;
  /** A short emoji or text glyph. */
  icon: string;
  order: number;
}

/** 'service' is an ordinary order (点单); 'wish' is a 微心愿. */
export type CatalogItemKind = 'service' | 'wish';

/** Document of collection `catalog_items`. */
export interface CatalogItem extends Timestamped {
  _id: string;
  categoryId: string;
  name: string;
  description: string;
  kind: CatalogItemKind;
  /** An order must be taken within this many hours, else it falls back and escalates. */
  responseHours: number;
  /** Skills a team needs to serve it (a team must offer all of them). */
  skills: string[];
  /** May be published to the open pool for teams to grab (抢单). */
  poolable: boolean;
  order: number;
  /** The subdistrict (实践所) that owns this menu. */
  instituteId: string;
  /** 点单附加项: extra questions the order form asks for this item (absent = none). */
  form?: ItemFormField[];
  /** The example in the order form's description placeholder, e.g. 老人行动不便，希望每天中午送一份午餐，少盐 (absent = one that fits the name). */
  descriptionExample?: string;
  /** Shown on the menu; retired items stay for old orders. */
  active: boolean;
}
