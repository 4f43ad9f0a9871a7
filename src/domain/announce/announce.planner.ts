/**
 * The fan-out planner: targeted buildings → one outbox row per (channel, recipient).
 *
 *  - feed:       every CONFIRMED resident bound to a targeted building (pending ones are left out);
 *  - subscribe:  those of them with a recorded grant for the announcement template;
 *  - robot:      every WeChat group of a targeted building that has a robot webhook;
 *  - share_task: the building head of every targeted building (one task per building, as the
 *                card carries the building).
 *
 * Pure and chunk-friendly: the server calls it for a few buildings at a time (200,000 residents
 * never sit in memory at once); keys are deterministic, so re-planning a chunk after a crash
 * yields the same rows and the unique `_id` keeps them single.
 *
 * Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */
import { deliveryKeyOf } from './announce.rules';
import type { Channel } from './announce.types';

export interface PlanBuilding {
  _id: string;
  buildingHeadOpenid?: string;
}

export interface PlanResident {
  /** openid */
  _id: string;
  buildingId?: string;
  binding?: string;
}

export interface PlanGroup {
  _id: string;
  buildingId: string;
  robotWebhookKey?: string | null;
}

export interface PlannedDelivery {
  _id: string;
  channel: Channel;
  recipient: string;
  buildingId: string;
}

export interface PlanInput {
  announcementId: string;
  buildings: readonly PlanBuilding[];
  residents: readonly PlanResident[];
  groups: readonly PlanGroup[];
  /** Residents holding a usable subscribe grant for the announcement template. */
  granted: ReadonlySet<string>;
}

/** Distinct ids, first occurrence order. */
export function distinct(ids: Iterable<string>): string[] {
  return [...new Set(ids)];
}

export function planDeliveries(input: PlanInput): PlannedDelivery[] {
  const out: PlannedDelivery[] = [];
  const seen = new Set<string>();
  const targeted = new Set(input.buildings.map((b) => b._id));
  const push = (channel: Channel, recipient: string, buildingId: string, key = recipient) => {
    const _id = deliveryKeyOf(input.announcementId, channel, key);
    if (seen.has(_id)) return;
    seen.add(_id);
    out.push({ _id, channel, recipient, buildingId });
  };
  for (const r of input.residents) {
    if (r.binding !== 'confirmed' || !r.buildingId || !targeted.has(r.buildingId)) continue;
    push('feed', r._id, r.buildingId);
    if (input.granted.has(r._id)) push('subscribe', r._id, r.buildingId);
  }
  for (const g of input.groups) {
    if (g.robotWebhookKey && targeted.has(g.buildingId)) push('robot', g._id, g.buildingId);
  }
  for (const b of input.buildings) {
    // A head of two buildings gets two tasks: each card carries its own building.
    if (b.buildingHeadOpenid) push('share_task', b.buildingHeadOpenid, b._id, `${b._id}:${b.buildingHeadOpenid}`);
  }
  return out;
}

/** Counts of planned rows per channel. */
export function countByChannel(rows: readonly Pick<PlannedDelivery, 'channel'>[]): Record<Channel, number> {
  const counts: Record<Channel, number> = { feed: 0, subscribe: 0, robot: 0, share_task: 0 };
  for (const r of rows) counts[r.channel] += 1;
  return counts;
}
