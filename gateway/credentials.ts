import { createHash, randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { PRINCIPAL_KINDS, type Principal, type PrincipalKind } from '../common/principal.js';
import type { GatewayRepository } from './db/repository.js';

/** API keys look like `hcg_<kind>_<43 base64url chars>`; the prefix tells an operator what a leaked key is. */
export function newApiKey(kind: PrincipalKind): string {
  return `hcg_${kind}_${randomBytes(32).toString('base64url')}`;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

type Cached = { principal: Omit<Principal, 'channelUser'> } | { principal: null };

/**
 * Resolves API keys to principals. Hits are cached for a short time so the database is not on every
 * request's path; a revoked key stops working within `ttlMs` on every gateway instance.
 */
export class ApiKeyAuthenticator {
  private readonly cache: LRUCache<string, Cached>;

  constructor(
    private readonly repo: GatewayRepository,
    ttlMs = 30_000,
  ) {
    this.cache = new LRUCache({ max: 50_000, ttl: ttlMs });
  }

  async principalFor(key: string): Promise<Omit<Principal, 'channelUser'> | null> {
    const hash = hashApiKey(key);
    const hit = this.cache.get(hash);
    if (hit) return hit.principal;
    const row = await this.repo.keyByHash(hash);
    const now = Date.now();
    const valid =
      row &&
      !row.revokedAt &&
      (!row.expiresAt || Date.parse(row.expiresAt) > now) &&
      (PRINCIPAL_KINDS as readonly string[]).includes(row.principalKind);
    const principal = valid
      ? { kind: row.principalKind as PrincipalKind, subject: row.subject, scopes: row.scopes, credentialId: row.id }
      : null;
    // Misses are cached too, briefly, so a flood of bad keys cannot reach the database.
    this.cache.set(hash, { principal }, principal ? {} : { ttl: 5_000 });
    return principal;
  }

  forget(): void {
    this.cache.clear();
  }
}
