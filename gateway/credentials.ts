import { LRUCache } from 'lru-cache';
import { hashApiKey } from '../common/platform/api-keys.js';
import { PRINCIPAL_KINDS, type Principal, type PrincipalKind } from '../common/domain/principal.js';
import { ForbiddenError } from '../common/platform/errors.js';
import type { ChannelKeySource } from './channel-keys.js';
import type { GatewayRepository } from './db/repository.js';

export { hashApiKey, newApiKey } from '../common/platform/api-keys.js';

/** A suspended channel's key: refused, and the refusal still counted in that channel's usage. */
export class ChannelSuspendedError extends ForbiddenError {
  constructor(
    readonly channel: string,
    reason: string,
  ) {
    super(`Channel ${channel} is suspended: ${reason}`, { reason: 'CHANNEL_SUSPENDED' });
  }
}

type Cached =
  | {
      principal: Omit<Principal, 'channelUser'>;
      /** A rotated channel key's retirement (ms): checked on every hit, not only when cached. */
      retiresAt?: number;
      /** Set while the key's channel is suspended. */
      suspended?: string;
    }
  | { principal: null };

/**
 * Resolves API keys to principals. Hits are cached for a short time so the database is not on every
 * request's path; a revoked key stops working within `ttlMs` on every gateway instance.
 */
export class ApiKeyAuthenticator {
  private readonly cache: LRUCache<string, Cached>;
  private readonly inflight = new Map<string, Promise<Cached>>();

  constructor(
    private readonly repo: GatewayRepository,
    ttlMs = 30_000,
    /** Keys of onboarded channels, which identity issues; asked when a key is not one of ours. */
    private readonly channelKeys?: ChannelKeySource,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.cache = new LRUCache({ max: 50_000, ttl: ttlMs });
  }

  /** The key's principal; null for an unknown, expired or retired key; FORBIDDEN for a suspended channel. */
  principalFor(key: string): Promise<Omit<Principal, 'channelUser'> | null> {
    return this.principalForHash(hashApiKey(key));
  }

  /**
   * The same answer by the key's SHA-256, which is all a browser session or launch ticket keeps of the
   * key behind it: they stand and fall with it, through this cache and its invalidation.
   */
  async principalForHash(hash: string): Promise<Omit<Principal, 'channelUser'> | null> {
    const hit = this.cache.get(hash) ?? (await this.lookUpOnce(hash));
    if (!hit.principal) return null;
    if (hit.retiresAt !== undefined && hit.retiresAt <= this.clock().getTime()) return null;
    if (hit.suspended) throw new ChannelSuspendedError(hit.principal.subject, hit.suspended);
    return hit.principal;
  }

  /** Concurrent first requests with one key share one look-up (a burst is one call, not thirty). */
  private lookUpOnce(hash: string): Promise<Cached> {
    let pending = this.inflight.get(hash);
    if (!pending) {
      pending = this.lookUp(hash).finally(() => this.inflight.delete(hash));
      this.inflight.set(hash, pending);
    }
    return pending;
  }

  private async lookUp(hash: string): Promise<Cached> {
    const row = await this.repo.keyByHash(hash);
    if (!row && this.channelKeys) {
      const grant = await this.channelKeys.grant(hash);
      if (grant) {
        const entry: Cached = {
          principal: { kind: 'channel', subject: grant.channel, scopes: [], credentialId: grant.keyId },
          ...(grant.retiresAt ? { retiresAt: Date.parse(grant.retiresAt) } : {}),
          ...(grant.status === 'SUSPENDED' ? { suspended: grant.suspendedReason ?? 'suspended' } : {}),
        };
        this.cache.set(hash, entry);
        return entry;
      }
    }
    const now = Date.now();
    const valid =
      row &&
      !row.revokedAt &&
      (!row.expiresAt || Date.parse(row.expiresAt) > now) &&
      (PRINCIPAL_KINDS as readonly string[]).includes(row.principalKind);
    const principal = valid
      ? { kind: row.principalKind as PrincipalKind, subject: row.subject, scopes: row.scopes, credentialId: row.id }
      : null;
    // A key the gateway keeps follows its channel's status too. While identity is unreachable such a
    // key keeps working as before suspensions existed: the rest of the graph stays usable.
    const status = principal?.kind === 'channel' && this.channelKeys ? await this.channelKeys.status(principal.subject).catch(() => null) : null;
    const entry: Cached = status?.status === 'SUSPENDED' && principal ? { principal, suspended: status.suspendedReason ?? 'suspended' } : { principal };
    // Misses are cached too, briefly, so a flood of bad keys cannot reach the database.
    this.cache.set(hash, entry, principal ? {} : { ttl: 5_000 });
    return entry;
  }

  /** Drops every cached key: identity signals a suspension or rotation, or an operator's mutation just ran. */
  forget(): void {
    this.cache.clear();
  }
}
