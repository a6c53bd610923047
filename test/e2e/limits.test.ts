import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulatedPartner } from '../helpers/partner.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

describe('rate limits per principal at the gateway', () => {
  let t: TestStack;
  beforeAll(async () => {
    t = await startTestStack({ RATE_LIMITS: 'channel=3,checkpoint=2' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (headers: Record<string, string>, query = '{ me { id } }') =>
    fetch(t.stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });

  it('answers 429 RATE_LIMITED with Retry-After once a channel user is over the limit, and no other user is slowed', async () => {
    const zhao = { 'x-api-key': 'hcg_dev_channel_alipay', 'x-channel-user': 'rl-zhao' };
    for (let i = 0; i < 3; i++) expect((await post(zhao)).status).toBe(200);
    const refused = await post(zhao);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await refused.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'RATE_LIMITED' });

    expect((await post({ ...zhao, 'x-channel-user': 'rl-qian' })).status).toBe(200);
    const gate = { 'x-api-key': 'hcg_dev_checkpoint_gate' };
    const trust = '{ trustList { kid } }';
    expect((await post(gate, trust)).status).toBe(200);
    expect((await post(gate, trust)).status).toBe(200);
    expect((await post(gate, trust)).status).toBe(429);
  });

  it('counts only authenticated principals: a bad key is UNAUTHENTICATED, not RATE_LIMITED', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await post({ 'x-api-key': 'hcg_channel_not-a-key', 'x-channel-user': 'x' });
      expect(res.status).toBe(401);
    }
  });
});

describe('rate limits through a shared Redis (RATE_LIMIT_REDIS_URL)', () => {
  let t: TestStack;
  beforeAll(async () => {
    t = await startTestStack({ RATE_LIMITS: 'channel=3', RATE_LIMIT_REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses the fourth request of a channel user in the minute', async () => {
    // A user of this run only: counts in Redis outlive the test by up to a minute.
    const channelUser = `rl-redis-${randomUUID()}`;
    const user = { 'x-api-key': 'hcg_dev_channel_alipay', 'x-channel-user': channelUser };
    const post = () => fetch(t.stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...user }, body: JSON.stringify({ query: '{ me { id } }' }) });
    // Let the gateway's Redis connection come up, so the shared store (not the fallback) counts.
    for (let i = 0; i < 100 && !t.stack.gateway.rateLimitStoreReady(); i++) await new Promise((r) => setTimeout(r, 20));
    expect(t.stack.gateway.rateLimitStoreReady()).toBe(true);
    for (let i = 0; i < 3; i++) expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(429);
    const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    try {
      expect(Number(await redis.get(`hcg:rl:channel:channel:alipay:${channelUser}`))).toBeGreaterThanOrEqual(3);
    } finally {
      redis.disconnect();
    }
  });
});

describe('failed authentications per client address, counted before authentication', () => {
  let t: TestStack;
  beforeAll(async () => {
    // The test's own requests arrive from 127.0.0.1, a trusted proxy here: each test is its own client address.
    t = await startTestStack({ RATE_LIMITS: 'address=3', GATEWAY_TRUST_PROXY: '127.0.0.1' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const origin = () => new URL(t.stack.gateway.url).origin;
  const post = (from: string, headers: Record<string, string>) =>
    fetch(t.stack.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': from, ...headers }, body: JSON.stringify({ query: '{ __typename }' }) });
  const dashboardLogin = (from: string, key: string) =>
    fetch(`${origin()}/dashboard/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': from }, body: JSON.stringify({ key }) });
  const launch = (from: string, ticket: string) => fetch(`${origin()}/h5/launch?ticket=${ticket}`, { headers: { 'x-forwarded-for': from }, redirect: 'manual' });

  it('turns an address away once it failed three times, whatever credential it sends next', async () => {
    const from = '203.0.113.1';
    // Each an issuer nobody registered: before, every one was a call to interop, and nothing stopped the next.
    for (let i = 0; i < 3; i++) {
      const partner = await SimulatedPartner.create(`99${i}000`);
      expect((await post(from, { authorization: `Bearer ${await partner.jwt()}` })).status).toBe(401);
    }
    const refused = await post(from, { 'x-api-key': 'hcg_dev_authority' });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { errors: { extensions: Record<string, unknown> }[] }).errors[0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'TOO_MANY_FAILURES' });
    // Another client behind the same proxy is not slowed by this one's failures.
    expect((await post('203.0.113.2', { 'x-api-key': 'hcg_dev_authority' })).status).toBe(200);
  });

  it("counts the dashboard login's wrong keys and forged launch links against the same budget", async () => {
    const from = '203.0.113.3';
    for (let i = 0; i < 2; i++) expect((await dashboardLogin(from, `hcg_guess_${i}`)).status).toBe(401);
    const forged = await launch(from, 'x'.repeat(32));
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('data-reason="UNKNOWN_TICKET"');

    // Over the budget: even the right key is not looked at, and a launch link gets a page that says why.
    const refused = await dashboardLogin(from, 'hcg_dev_dashboard');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { errors: { extensions: Record<string, unknown> }[] }).errors[0]!.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'TOO_MANY_FAILURES' });
    expect(refused.headers.get('set-cookie')).toBeNull();
    const page = await launch(from, 'y'.repeat(32));
    expect(page.status).toBe(429);
    expect(await page.text()).toContain('data-reason="TOO_MANY_FAILURES"');
    expect((await post(from, { 'x-api-key': 'hcg_dev_authority' })).status).toBe(429);

    // A client that only ever logs in with its right key is never counted.
    for (let i = 0; i < 4; i++) expect((await dashboardLogin('203.0.113.4', 'hcg_dev_dashboard')).status).toBe(200);
  });
});
