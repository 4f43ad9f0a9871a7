import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { Role } from '@/domain/identity/role';

/**
 * Which role comes first when nobody chose one: the org duties (staff, then the building head,
 * whose 转发任务 and 住户绑定审核 are daily chores) before the team roles, and 居民 last.
 */
export const ACTIVE_ROLE_ORDER: readonly Role[] = [
  'admin',
  'institute_staff',
  'station_staff',
  'building_head',
  'unit_staff',
  'team_leader',
  'volunteer',
  'resident',
];

/** The held role that comes first in ACTIVE_ROLE_ORDER, or null for someone holding none. */
export function defaultActiveRole(held: readonly Role[]): Role | null {
  return ACTIVE_ROLE_ORDER.find((r) => held.includes(r)) ?? null;
}

/** Per openid, so switching the dev identity (or sharing a phone) never carries someone else's choice. */
const keyOf = (openid: string) => `mine.activeRole.${openid}`;

/** The remembered choice if the user still holds that role, else the default. */
export function readActiveRole(openid: string, held: readonly Role[]): Role | null {
  try {
    const stored = Taro.getStorageSync(keyOf(openid)) as unknown;
    if (typeof stored === 'string' && held.includes(stored as Role)) return stored as Role;
  } catch {
    // Storage unavailable: fall back to the default.
  }
  return defaultActiveRole(held);
}

/** Remembers `role` as the active one of `openid` across launches. */
export function rememberActiveRole(openid: string, role: Role): void {
  try {
    Taro.setStorageSync(keyOf(openid), role);
  } catch {
    // Storage full or unavailable: the choice still holds for this session.
  }
}

/**
 * 我的 role switch: `[active, setActive]` for the signed-in user's held roles. `openid` null while
 * whoami is loading (active stays null).
 */
export function useActiveRole(openid: string | null, held: readonly Role[]): [Role | null, (role: Role) => void] {
  const heldKey = held.join(',');
  const [active, setActiveState] = useState<Role | null>(null);
  // Re-read whenever the user or their roles change (e.g. after redeeming an invitation).
  // biome-ignore lint/correctness/useExhaustiveDependencies: heldKey stands for `held`
  useEffect(() => {
    setActiveState(openid ? readActiveRole(openid, held) : null);
  }, [openid, heldKey]);
  const setActive = useCallback(
    (role: Role) => {
      setActiveState(role);
      if (openid) rememberActiveRole(openid, role);
    },
    [openid],
  );
  return [active, setActive];
}
