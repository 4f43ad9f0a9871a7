/**
 * Dev identities for the local/browser (H5) build only: the gateway trusts `x-wx-openid`, and this
 * module remembers which identity the person at the browser plays. Never used in the weapp build.
 */

export const DEV_OPENID_KEY = 'dev.openid';

export interface DevIdentity {
  openid: string;
  /** Masked, as the app shows it to most people (金*). */
  name: string;
  /** The demo person's (made-up) full name, so the switcher tells three 金* apart. */
  realName?: string;
  roles: string[];
  /** The role this entry demonstrates: it is listed under that heading. */
  primaryRole?: string;
  label: string;
}

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

export function currentDevOpenid(): string | undefined {
  return storage()?.getItem(DEV_OPENID_KEY) ?? undefined;
}

export function setDevOpenid(openid: string | undefined): void {
  const s = storage();
  if (!s) return;
  if (openid) s.setItem(DEV_OPENID_KEY, openid);
  else s.removeItem(DEV_OPENID_KEY);
}

export async function listDevIdentities(): Promise<DevIdentity[]> {
  let response: Response;
  try {
    response = await fetch('/gateway/identities', { headers: { accept: 'application/json' } });
  } catch {
    throw new Error('网络不太好，请检查网络后点「重试」');
  }
  if (!response.ok) throw new Error(`身份列表没有加载出来（HTTP ${response.status}），请点「重试」`);
  const body = (await response.json()) as { identities?: DevIdentity[] };
  return Array.isArray(body.identities) ? body.identities : [];
}
