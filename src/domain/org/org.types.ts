/**
 * Org tree (网格) and volunteer teams (志愿服务队), as stored in the cloud database.
 *
 * The grid runs 街道 subdistrict → 社区 community (总网格) → 小区 estate (一般网格)
 * → 楼栋 building (微网格, one WeChat group each). The subdistrict hosts the 实践所
 * (institute), each community hosts a 实践站 (station).
 *
 * Pure types only: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */

/** Epoch milliseconds. */
export type EpochMs = number;

/** Creation / update stamps carried by every stored document. */
export interface Timestamped {
  createdAt: EpochMs;
  updatedAt: EpochMs;
}

export type OrgUnitKind = 'subdistrict' | 'community' | 'estate' | 'building';

/** Parent kind of each org unit kind (root has none). */
export const ORG_PARENT_KIND: Readonly<Record<OrgUnitKind, OrgUnitKind | null>> = {
  subdistrict: null,
  community: 'subdistrict',
  estate: 'community',
  building: 'estate',
};

/** Chinese label of each org unit kind. */
export const ORG_UNIT_KIND_LABELS: Readonly<Record<OrgUnitKind, string>> = {
  subdistrict: '街道',
  community: '社区',
  estate: '小区',
  building: '楼栋',
};

interface OrgUnitBase extends Timestamped {
  _id: string;
  name: string;
  /** null only for the subdistrict (root). */
  parentId: string | null;
  /** Ancestor ids, root first; excludes the unit itself. `[]` for the root. */
  path: string[];
  /** Display order among siblings, ascending. */
  order: number;
}

/** 街道 — hosts the 实践所 (institute). */
export interface SubdistrictUnit extends OrgUnitBase {
  kind: 'subdistrict';
  parentId: null;
  /** e.g. 桂溪街道新时代文明实践所 */
  instituteName: string;
}

/** 社区 — hosts the 实践站 (station); a 总网格. */
export interface CommunityUnit extends OrgUnitBase {
  kind: 'community';
  parentId: string;
  /** e.g. 和平社区新时代文明实践站 */
  stationName: string;
}

/** 小区 — a 一般网格. */
export interface EstateUnit extends OrgUnitBase {
  kind: 'estate';
  parentId: string;
}

/** 楼栋 — a 微网格, looked after by a 楼栋长 (building head). */
export interface BuildingUnit extends OrgUnitBase {
  kind: 'building';
  parentId: string;
  /** openid of the 楼栋长, if one is appointed. */
  buildingHeadOpenid?: string;
}

/** Document of collection `org_units`; discriminated on `kind`. */
export type OrgUnit = SubdistrictUnit | CommunityUnit | EstateUnit | BuildingUnit;

/** The org unit variant for a given kind, e.g. `OrgUnitOf<'building'>`. */
export type OrgUnitOf<K extends OrgUnitKind> = Extract<OrgUnit, { kind: K }>;

/** Document of collection `wechat_groups`: the residents' WeChat group of one 楼栋. */
export interface WechatGroup extends Timestamped {
  _id: string;
  buildingId: string;
  /** e.g. 天府花园3栋住户群 */
  name: string;
  /** Set once the group is bound (share card opened from the group); null until then. */
  opengid: string | null;
  /** Who bound the group (the opener of the share card) and when; cleared when staff unbind it. */
  boundBy?: string | null;
  boundAt?: number | null;
  /** WeCom (企业微信) group-robot webhook key, where the group has a robot. */
  robotWebhookKey?: string | null;
}

/** Document of collection `teams`: a 志愿服务队 (volunteer team). */
export interface Team extends Timestamped {
  _id: string;
  /** Brand name, e.g. 银龄之声 */
  name: string;
  /** One-line introduction shown in the team list. */
  intro: string;
  leaderOpenid: string;
  /** Every member's openid, the leader included. */
  memberOpenids: string[];
  /** Skills the team offers; matched against catalog item skills. */
  skills: string[];
  /** Org unit ids (subdistrict / community / estate / building) the team serves, subtree included. */
  serviceArea: string[];
  /** Average rating, 0–5, one decimal. */
  rating: number;
}

/** True when `unit` lies in (or is) the subtree of `ancestorId`. */
export function isWithin(unit: Pick<OrgUnit, '_id' | 'path'>, ancestorId: string): boolean {
  return unit._id === ancestorId || unit.path.includes(ancestorId);
}
