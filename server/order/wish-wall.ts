import { VOLUNTEER_PROFILES } from '../../database/collections';
import { ORDER_STATE_LABELS } from '../../src/domain/order/order.states';
import type { OrderDoc } from '../../src/domain/order/order.types';
import { mayAdoptWish, WISH_WALL_MAX, type WishCard, type WishWallView, wallPlaceOf } from '../../src/domain/order/wish-wall';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import type { VolunteerProfile } from '../../src/domain/team/volunteer.rules';
import type { Actor } from '../kit/actor';
import { readById, readList } from '../kit/read-list';
import { database } from '../kit/wx-cloud';
import { NOT_WISH_ADOPTER } from './order-relation';
import { HEAVY_FIELDS, ORDERS } from './order-store';

const cardOf = (o: OrderDoc, me: string): WishCard => {
  const mine = o.adopterOpenid === me;
  return {
    orderId: o._id,
    version: o.version,
    state: o.state,
    stateLabel: ORDER_STATE_LABELS[o.state],
    itemName: o.itemName,
    description: o.description,
    place: wallPlaceOf(o.addressText, mine),
    postedAt: o.updatedAt,
    adopter: o.adopterName ? [o.adopterName, o.adopterUnit].filter(Boolean).join(' · ') : '',
    mine,
  };
};

/**
 * 心愿墙 in one call: the 微心愿 on the wall in the caller's 街道 (their volunteer registration's;
 * their own 社区's first) and the ones they adopted and have not delivered yet. Registered
 * volunteers only; whether they may 认领 (在职党员 or a 工作单位) comes with the answer.
 */
export async function wishWall(actor: Actor): Promise<WishWallView> {
  const profile = await readById<VolunteerProfile>(VOLUNTEER_PROFILES, actor.openid);
  if (profile?.status !== 'approved') throw new DomainError(ErrorCode.Forbidden, '请先注册成为志愿者，再来认领微心愿');
  const orders = database().collection(ORDERS);
  const [wall, adopted] = await Promise.all([
    readList<OrderDoc>(
      orders
        .where({ subdistrictId: profile.subdistrictId, state: 'on_wall' })
        .field(HEAVY_FIELDS)
        .orderBy('queueKey', 'asc')
        .limit(WISH_WALL_MAX),
    ),
    readList<OrderDoc>(
      orders.where({ adopterOpenid: actor.openid, state: 'adopted' }).field(HEAVY_FIELDS).orderBy('sortKey', 'desc').limit(WISH_WALL_MAX),
    ),
  ]);
  const own = (o: OrderDoc) => (o.communityId === profile.communityId ? 0 : 1);
  const canAdopt = mayAdoptWish(profile);
  return {
    canAdopt,
    hint: canAdopt ? '认领后请尽快把心愿送到居民手中，送达后点「已送达」' : NOT_WISH_ADOPTER,
    open: [...wall].sort((a, b) => own(a) - own(b)).map((o) => cardOf(o, actor.openid)),
    mine: adopted.map((o) => cardOf(o, actor.openid)),
  };
}
