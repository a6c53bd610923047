import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimitedError } from '../common/platform/errors.js';
import type { Logger } from '../common/platform/logger.js';
import type { Principal, PrincipalKind } from '../common/domain/principal.js';

/**
 * Requests per minute for one principal of each kind (a channel's limit applies to each of its
 * users), and `address`: failed authentications per minute from one client address.
 */
export type RateLimits = Partial<Record<PrincipalKind | 'address', number>>;

export const DEFAULT_RATE_LIMITS: Required<RateLimits> = {
  // Anyone may knock; an address that keeps failing to authenticate is turned away before its
  // credentials cost a database look-up or a call to interop.
  address: 60,
  // A resident opens their code, their household's and declares: a few requests a minute.
  channel: 120,
  // A busy station gate scans a traveller every second or two, all day.
  checkpoint: 1200,
  authority: 600,
  dashboard: 300,
  province: 1200,
  admin: 300,
  // An HR office reads its staff list and summary a few times a day, page by page.
  employer: 120,
  // One operator takes one call at a time: a handful of look-ups a minute, never a sweep of documents.
  hotline: 20,
};

/** Who a limit counts: a channel's signed-in user, otherwise the credential's subject. */
export function rateKey(p: Pick<Principal, 'kind' | 'subject' | 'channelUser'>): string {
  return p.kind === 'channel' ? `channel:${p.subject}:${p.channelUser ?? ''}` : `${p.kind}:${p.subject}`;
}

/**
 * Per-principal limits at the gateway (SPEC §8), a fixed window per minute. With a Redis store every
 * gateway instance counts against the same budget; without one each instance counts alone, so behind
 * N instances a principal gets up to N times its limit. Should Redis fail, each instance falls back to
 * counting in memory (the insurance limiter) rather than refusing or waving everything through.
 */
export class PrincipalRateLimiter {
  private readonly limiters = new Map<PrincipalKind, RateLimiterAbstract>();

  constructor(limits: RateLimits, store?: { redis: Redis; keyPrefix?: string }) {
    for (const [kind, points] of Object.entries(limits) as [PrincipalKind, number][]) {
      if (points <= 0 || (kind as string) === 'address') continue;
      const memory = new RateLimiterMemory({ points, duration: 60 });
      this.limiters.set(
        kind,
        store
          ? new RateLimiterRedis({ storeClient: store.redis, points, duration: 60, keyPrefix: `${store.keyPrefix ?? 'hcg:rl'}:${kind}`, insuranceLimiter: memory })
          : memory,
      );
    }
  }

  /** Counts one request; throws RATE_LIMITED (HTTP 429, Retry-After) when the principal is over its limit. */
  async take(p: Pick<Principal, 'kind' | 'subject' | 'channelUser'>): Promise<void> {
    const limiter = this.limiters.get(p.kind);
    if (!limiter) return;
    try {
      await limiter.consume(rateKey(p));
    } catch (res) {
      if (!(res instanceof RateLimiterRes)) throw res;
      const retryAfterSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
      throw new RateLimitedError(`Too many requests: at most ${limiter.points} a minute for this ${p.kind}`, { reason: 'RATE_LIMITED', retryAfterSeconds }, retryAfterSeconds);
    }
  }
}

/**
 * Client addresses that fail to authenticate, counted before authentication: an address over its
 * budget is refused (RATE_LIMITED, 429) without its credentials being looked at. Only failures
 * count, so many clients behind one address (a carrier's NAT) are not slowed by each other's traffic.
 */
export class AddressGuard {
  private readonly limiter: RateLimiterMemory;

  constructor(private readonly points: number) {
    this.limiter = new RateLimiterMemory({ points, duration: 60, keyPrefix: 'address' });
  }

  async assertAllowed(address: string): Promise<void> {
    const res = await this.limiter.get(address);
    if (res && res.consumedPoints >= this.points) {
      const retryAfterSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
      throw new RateLimitedError(`Too many failed authentications from this address: at most ${this.points} a minute`, { reason: 'TOO_MANY_FAILURES', retryAfterSeconds }, retryAfterSeconds);
    }
  }

  /** Counts one failed authentication; never throws (the caller answers the failure itself). */
  async failed(address: string): Promise<void> {
    await this.limiter.consume(address).catch(() => undefined);
  }
}

/** `RATE_LIMITS`: `off`, or overrides such as `channel=60,checkpoint=2400` (requests per minute; 0 = none). */
export function parseRateLimits(raw: string | undefined): RateLimits | null {
  if (!raw) return { ...DEFAULT_RATE_LIMITS };
  if (raw.trim() === 'off') return null;
  const limits: RateLimits = { ...DEFAULT_RATE_LIMITS };
  for (const part of raw.split(',')) {
    const [kind, value] = part.split('=').map((s) => s.trim());
    if (!kind || !(kind in DEFAULT_RATE_LIMITS) || !/^\d+$/.test(value ?? '')) {
      throw new Error(`RATE_LIMITS: "${part}" is not <kind>=<requests per minute> with kind one of ${Object.keys(DEFAULT_RATE_LIMITS).join(', ')}`);
    }
    limits[kind as keyof RateLimits] = Number(value);
  }
  return limits;
}

/** The gateway's limiter as configured: none (`RATE_LIMITS=off`), per instance, or shared through Redis. */
export function gatewayRateLimiter(
  config: { rateLimits?: string; rateLimitRedisUrl?: string },
  logger: Logger,
): { limiter?: PrincipalRateLimiter; addresses?: AddressGuard; storeReady(): boolean | undefined; close(): void } {
  const limits = parseRateLimits(config.rateLimits);
  if (!limits) return { storeReady: () => undefined, close: () => undefined };
  const addresses = limits.address ? new AddressGuard(limits.address) : undefined;
  // No offline queue: while Redis is away a call fails at once and the in-memory insurance counts.
  const redis = config.rateLimitRedisUrl ? new Redis(config.rateLimitRedisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : undefined;
  redis?.on('error', (err: Error) => logger.warn({ err: err.message }, 'rate-limit store unavailable; counting in memory'));
  return {
    limiter: new PrincipalRateLimiter(limits, redis ? { redis } : undefined),
    addresses,
    storeReady: () => (redis ? redis.status === 'ready' : undefined),
    close: () => redis?.disconnect(),
  };
}
