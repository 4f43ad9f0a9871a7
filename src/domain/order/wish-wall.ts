/**
 * 心愿墙 (DESIGN §2, 帮挂单位 / 在职党员): accepted 微心愿 the station puts on the wall instead of
 * dispatching them to a team; a unit or party member 认领s one, delivers it (已送达) and the resident
 * confirms receipt (评价). Pure domain: who may adopt, how far the wall shows where a wish is.
 */
import type { EpochMs } from '../org/org.types';
import type { OrderState } from './order.states';

/** How many wishes the wall shows at once (the newest first after one's own). */
export const WISH_WALL_MAX = 50;

/** What the wall needs to know of a volunteer's profile. */
export interface AdopterFacts {
  status: string;
  partyMember?: boolean;
  workUnit?: string;
}

/** An approved volunteer who is a 党员 (在职党员 report in as such) or names a 工作单位 (帮挂单位) may 认领 a 微心愿. */
export const mayAdoptWish = (p: AdopterFacts): boolean =>
  p.status === 'approved' && (p.partyMember === true || (p.workUnit ?? '').trim().length > 0);

/** Where a wish is, as the wall shows it: only 社区 and 小区 until one adopts it; the adopter sees the full address to deliver. */
export function wallPlaceOf(addressText: string, adoptedByCaller: boolean): string {
  if (adoptedByCaller) return addressText;
  return addressText.split(/\s+/).filter(Boolean).slice(0, 2).join(' ');
}

export interface WishCard {
  orderId: string;
  /** For the 认领 / 已送达 compare-and-set. */
  version: number;
  state: OrderState;
  stateLabel: string;
  itemName: string;
  description: string;
  place: string;
  postedAt: EpochMs;
  /** 认领人 as shown on the wall (masked name · unit), once adopted. */
  adopter: string;
  /** The caller adopted it: may mark it 已送达. */
  mine: boolean;
}

export interface WishWallView {
  /** May the caller 认领 at all (在职党员 or a 工作单位); otherwise `hint` says what to do. */
  canAdopt: boolean;
  hint: string;
  /** On the wall in the caller's 街道, waiting for 认领. */
  open: WishCard[];
  /** The caller's adopted wishes not delivered yet. */
  mine: WishCard[];
}
