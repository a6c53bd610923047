import { createHash, randomBytes } from 'node:crypto';
import type { PrincipalKind } from '../domain/principal.js';

/** API keys look like `hcg_<kind>_<43 base64url chars>`; the prefix tells an operator what a leaked key is. */
export function newApiKey(kind: PrincipalKind): string {
  return `hcg_${kind}_${randomBytes(32).toString('base64url')}`;
}

/** Keys are 256-bit random strings: a fast hash is as safe as a slow one and keeps a KDF off the hot path. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The NOTIFY channel identity signals on when a channel is suspended, reinstated or its keys rotate. */
export const CREDENTIALS_CHANNEL = 'hcg_credentials';
