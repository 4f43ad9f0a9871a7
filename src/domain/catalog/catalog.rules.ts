/**
 * Service menu rules: ordering, deadlines and team eligibility.
 *
 * Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */
import type { EpochMs, OrgUnit, Team } from '../org/org.types';
import { isWithin } from '../org/org.types';
import type { CatalogCategory, CatalogItem } from './catalog.types';

const HOUR_MS = 60 * 60 * 1000;

/** When an order for `item` placed (or reset) at `fromMs` must be taken by. */
export function responseDeadline(item: Pick<CatalogItem, 'responseHours'>, fromMs: EpochMs): EpochMs {
  return fromMs + item.responseHours * HOUR_MS;
}

/** True when the team offers every skill the item needs. */
export function teamHasSkills(team: Pick<Team, 'skills'>, item: Pick<CatalogItem, 'skills'>): boolean {
  return item.skills.every((s) => team.skills.includes(s));
}

/** True when the org unit lies inside the team's service area. */
export function teamServesUnit(team: Pick<Team, 'serviceArea'>, unit: Pick<OrgUnit, '_id' | 'path'>): boolean {
  return team.serviceArea.some((areaId) => isWithin(unit, areaId));
}

/** A team may be dispatched (or grab) an order for `item` at `unit` when it has the skills and serves the area. */
export function teamCanServe(
  team: Pick<Team, 'skills' | 'serviceArea'>,
  item: Pick<CatalogItem, 'skills'>,
  unit: Pick<OrgUnit, '_id' | 'path'>,
): boolean {
  return teamHasSkills(team, item) && teamServesUnit(team, unit);
}

export interface MenuSection {
  category: CatalogCategory;
  items: CatalogItem[];
}

/** The menu as shown to residents: categories by order, each with its active items by order; empty sections dropped. */
export function buildMenu(categories: readonly CatalogCategory[], items: readonly CatalogItem[]): MenuSection[] {
  const byOrder = <T extends { order: number; _id: string }>(a: T, b: T) =>
    a.order - b.order || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
  return [...categories]
    .sort(byOrder)
    .map((category) => ({
      category,
      items: items.filter((i) => i.active && i.categoryId === category._id).sort(byOrder),
    }))
    .filter((s) => s.items.length > 0);
}
