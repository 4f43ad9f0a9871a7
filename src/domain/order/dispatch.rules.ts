/**
 * Which team to dispatch an order to (派单推荐): a pure ranking of the candidate teams with a
 * Chinese reason each, so staff see why a team is first and why another cannot serve.
 *
 * Pure domain: no Taro, `wx`, `wx-server-sdk` or Node built-ins.
 */

import { teamHasSkills } from '../catalog/catalog.rules';
import type { CatalogItem } from '../catalog/catalog.types';
import type { OrgUnit, Team } from '../org/org.types';

export interface TeamRecommendation {
  teamId: string;
  name: string;
  rating: number;
  /** Open work of the team now (dispatched, taken or in service). */
  openLoad: number;
  /** True when the team has every needed skill and serves the building (it may be dispatched). */
  eligible: boolean;
  /** Higher is better; only comparable within one ranking. */
  score: number;
  /** e.g. 技能匹配（助餐送餐） · 服务范围覆盖本楼栋所在社区 · 当前在办 2 单 · 评分 4.8 */
  reason: string;
}

/** How close a team's service area is to the building: 3 the building itself … 0 the subdistrict; -1 not covered. */
export function areaCloseness(team: Pick<Team, 'serviceArea'>, building: Pick<OrgUnit, '_id' | 'path'>): number {
  const chain = [...building.path, building._id]; // subdistrict, community, estate, building
  let best = -1;
  for (const areaId of team.serviceArea) {
    const depth = chain.indexOf(areaId);
    if (depth > best) best = depth;
  }
  return best;
}

const AREA_WORDS = ['服务范围覆盖全街道', '服务范围覆盖本社区', '服务范围覆盖本小区', '专门服务本楼栋'];

/** Busy teams sink: each open order costs as much as half a rating star. */
const LOAD_WEIGHT = 5;
const RATING_WEIGHT = 10;
const AREA_WEIGHT = 4;

/**
 * Ranks teams for an order for `item` at `building`: eligible teams first (skills and area), then
 * by closeness of the service area, rating and current load; ties by name for a stable order.
 */
export function rankTeams(
  teams: readonly Pick<Team, '_id' | 'name' | 'skills' | 'serviceArea' | 'rating'>[],
  item: Pick<CatalogItem, 'skills'>,
  building: Pick<OrgUnit, '_id' | 'path'>,
  openLoad: ReadonlyMap<string, number>,
): TeamRecommendation[] {
  const ranked = teams.map((team) => {
    const load = openLoad.get(team._id) ?? 0;
    const missing = item.skills.filter((s) => !team.skills.includes(s));
    const closeness = areaCloseness(team, building);
    const eligible = teamHasSkills(team, item) && closeness >= 0;
    const parts: string[] = [];
    if (missing.length > 0) parts.push(`缺少技能：${missing.join('、')}`);
    else parts.push(item.skills.length ? `技能匹配（${item.skills.join('、')}）` : '无特殊技能要求');
    parts.push(closeness >= 0 ? (AREA_WORDS[closeness] ?? '服务范围覆盖') : '不在服务范围内');
    parts.push(load > 0 ? `当前在办 ${load} 单` : '当前没有在办订单');
    parts.push(`评分 ${team.rating.toFixed(1)}`);
    const score = eligible ? 1000 + closeness * AREA_WEIGHT + team.rating * RATING_WEIGHT - load * LOAD_WEIGHT : -missing.length;
    return {
      teamId: team._id,
      name: team.name,
      rating: team.rating,
      openLoad: load,
      eligible,
      score: Math.round(score * 10) / 10,
      reason: parts.join(' · '),
    };
  });
  return ranked.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh-CN') || (a.teamId < b.teamId ? -1 : 1));
}
