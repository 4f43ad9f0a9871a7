import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { DomainError, ErrorCode } from '../../src/domain/shared/domain-error';
import { config } from './config';

/**
 * Encryption at rest for phone numbers and real names (AES-256-GCM). The key is the function's
 * PII_SECRET from its configuration (server/kit/config.ts; WeChat Cloud: 云函数 → 配置 → 环境变量;
 * the local cloud sets a development value). Without it we refuse to store or read PII rather
 * than fall back to a guessable key.
 */
const VERSION = 'v1';

function key(secret: string = config().piiSecret): Buffer {
  if (!secret) throw new DomainError(ErrorCode.Internal, '服务配置缺少 PII_SECRET，无法处理个人信息');
  return createHash('sha256').update(secret).digest();
}

/** `secret` defaults to the function's configured PII_SECRET; the local cloud passes its own when seeding. */
export function sealPii(clear: string, secret?: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(secret), iv);
  const body = Buffer.concat([cipher.update(clear, 'utf8'), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

export function openPii(sealed: string, secret?: string): string {
  const [version, payload] = sealed.split(':');
  if (version !== VERSION || !payload) throw new DomainError(ErrorCode.Internal, '个人信息格式无法识别');
  const raw = Buffer.from(payload, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key(secret), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/**
 * A keyed digest of `message` for one `purpose`: stable for the same input, unguessable without
 * the functions' secret (used where a retry must arrive at the same secret value, e.g. the
 * invitation code of one request id).
 */
export function secretDigest(purpose: string, message: string): Buffer {
  return createHmac('sha256', key()).update(`${purpose}\n${message}`).digest();
}
