import { describe, expect, it } from 'vitest';
import { AppError } from '../common/platform/errors.js';
import { AddressGuard, DEFAULT_RATE_LIMITS, parseRateLimits, PrincipalRateLimiter, rateKey } from './rate-limit.js';

const user = (channelUser: string) => ({ kind: 'channel' as const, subject: 'alipay', channelUser });

async function refusal(p: Promise<void>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe(PrincipalRateLimiter.name, () => {
  it("refuses a principal's request over its limit with RATE_LIMITED, 429 and a Retry-After", async () => {
    const limiter = new PrincipalRateLimiter({ channel: 3 });
    for (let i = 0; i < 3; i++) await limiter.take(user('u1'));
    const err = await refusal(limiter.take(user('u1')));
    expect(err.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'RATE_LIMITED', http: { status: 429 } });
    const retryAfter = Number((err.extensions.http as unknown as { headers: Map<string, string> }).headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(err.extensions.retryAfterSeconds).toBe(retryAfter);
  });

  it('gives each 12345 operator a budget of their own, smaller than a resident\'s: a sweep of look-ups stops at 20 a minute', async () => {
    expect(DEFAULT_RATE_LIMITS.hotline).toBe(20);
    expect(DEFAULT_RATE_LIMITS.hotline).toBeLessThan(DEFAULT_RATE_LIMITS.channel);
    const limiter = new PrincipalRateLimiter(DEFAULT_RATE_LIMITS);
    const seat = (subject: string) => ({ kind: 'hotline' as const, subject });
    for (let i = 0; i < 20; i++) await limiter.take(seat('op-1'));
    expect((await refusal(limiter.take(seat('op-1')))).extensions).toMatchObject({ code: 'RATE_LIMITED' });
    await limiter.take(seat('op-2'));
  });

  it("counts each channel user apart, and other kinds by their own limits", async () => {
    const limiter = new PrincipalRateLimiter({ channel: 1, checkpoint: 2 });
    await limiter.take(user('u1'));
    await limiter.take(user('u2'));
    await limiter.take({ kind: 'channel', subject: 'wechat-zzg', channelUser: 'u1' });
    await refusal(limiter.take(user('u1')));
    const gate = { kind: 'checkpoint' as const, subject: 'gate-1' };
    await limiter.take(gate);
    await limiter.take(gate);
    await refusal(limiter.take(gate));
    // No limit configured for a kind: never refused.
    for (let i = 0; i < 50; i++) await limiter.take({ kind: 'admin', subject: 'ops' });
  });

  it('keys a channel user by channel and user, anything else by its subject', () => {
    expect(rateKey(user('u1'))).toBe('channel:alipay:u1');
    expect(rateKey({ kind: 'province', subject: '440000' })).toBe('province:440000');
  });
});

describe(AddressGuard.name, () => {
  it('turns an address away once it failed to authenticate too often, and no other address', async () => {
    const guard = new AddressGuard(3);
    for (let i = 0; i < 3; i++) {
      await guard.assertAllowed('10.0.0.1');
      await guard.failed('10.0.0.1');
    }
    const err = await refusal(guard.assertAllowed('10.0.0.1'));
    expect(err.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'TOO_MANY_FAILURES', http: { status: 429 } });
    await guard.assertAllowed('10.0.0.2');
  });
});

describe(parseRateLimits.name, () => {
  it('takes the defaults, overrides per kind, or off', () => {
    expect(parseRateLimits(undefined)).toEqual(DEFAULT_RATE_LIMITS);
    expect(parseRateLimits('channel=60, checkpoint=0, address=10')).toEqual({ ...DEFAULT_RATE_LIMITS, channel: 60, checkpoint: 0, address: 10 });
    expect(parseRateLimits('off')).toBeNull();
  });

  it.each(['channel', 'channel=fast', 'robot=5', 'channel=-1'])('refuses %j', (raw) => {
    expect(() => parseRateLimits(raw)).toThrow(/RATE_LIMITS/);
  });
});
