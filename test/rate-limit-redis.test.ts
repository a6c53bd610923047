import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrincipalRateLimiter } from '../gateway/rate-limit.js';

// The machine and CI run Redis here; an unreachable Redis fails this file rather than skipping it.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const user = { kind: 'channel' as const, subject: 'alipay', channelUser: 'rl-user' };

async function refused(limiter: PrincipalRateLimiter): Promise<boolean> {
  return limiter.take(user).then(
    () => false,
    (err: { extensions?: { code?: string } }) => err.extensions?.code === 'RATE_LIMITED',
  );
}

describe('rate limits shared by gateway instances through Redis', () => {
  let redis: Redis;
  beforeAll(async () => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    expect(await redis.ping()).toBe('PONG');
  });
  afterAll(() => {
    redis?.disconnect();
  });

  it('counts one budget across two instances', async () => {
    const keyPrefix = `hcg-test:${randomUUID()}`;
    const a = new PrincipalRateLimiter({ channel: 3 }, { redis, keyPrefix });
    const b = new PrincipalRateLimiter({ channel: 3 }, { redis, keyPrefix });
    await a.take(user);
    await b.take(user);
    await a.take(user);
    expect(await refused(b)).toBe(true);
    expect(await refused(a)).toBe(true);
  });

  it('falls back to counting in memory, per instance, while Redis is away', async () => {
    const away = new Redis('redis://127.0.0.1:1', { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
    away.on('error', () => undefined);
    try {
      const limiter = new PrincipalRateLimiter({ channel: 2 }, { redis: away, keyPrefix: `hcg-test:${randomUUID()}` });
      await limiter.take(user);
      await limiter.take(user);
      expect(await refused(limiter)).toBe(true);
    } finally {
      away.disconnect();
    }
  });
});
