import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { defaultActiveRole } from '@/domain/identity/home.views';
import type { Role } from '@/domain/identity/role';

export { ACTIVE_ROLE_ORDER, defaultActiveRole } from '@/domain/identity/home.views';

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

const LAST_OPENID_KEY = 'mine.lastOpenid';

/** The openid this device last signed in as (so 首页 can ask for its active role before the answer). */
export function lastOpenid(): string | null {
  try {
    const stored = Taro.getStorageSync(LAST_OPENID_KEY) as unknown;
    return typeof stored === 'string' && stored ? stored : null;
  } catch {
    return null;
  }
}

export function rememberOpenid(openid: string): void {
  try {
    Taro.setStorageSync(LAST_OPENID_KEY, openid);
  } catch {
    // Storage unavailable: 首页 then opens on the default role.
  }
}

/** The role remembered for `openid`, whether or not it is still held (the server checks). */
export function rememberedRole(openid: string): Role | null {
  try {
    const stored = Taro.getStorageSync(keyOf(openid)) as unknown;
    return typeof stored === 'string' && stored ? (stored as Role) : null;
  } catch {
    return null;
  }
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
