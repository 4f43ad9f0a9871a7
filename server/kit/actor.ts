import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { wxCloud } from './wx-cloud';

/** The caller as WeChat vouches for them. Never taken from the request body. */
export interface Actor {
  openid: string;
  appid: string;
}

export function currentActor(): Actor | undefined {
  const ctx = wxCloud().getWXContext() as { OPENID?: string; APPID?: string };
  return ctx.OPENID ? { openid: ctx.OPENID, appid: ctx.APPID ?? '' } : undefined;
}

export function requireActor(): Actor {
  const actor = currentActor();
  if (!actor) throw new DomainError(ErrorCode.Unauthenticated, '请在微信中打开后再试');
  return actor;
}
