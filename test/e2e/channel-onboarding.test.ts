import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '../../gateway/sessions/service.js';
import { GatewayRepository } from '../../gateway/db/repository.js';
import type { RunningGateway } from '../../gateway/index.js';
import { issueApiKey } from '../../scripts/api-keys.js';
import { REGISTER, registerInput } from '../factories/people.js';
import { dashboardSession, h5Session, launchPath, nextCredentialsSignal, pageOperation, redeem, startSecondGateway } from '../helpers/sessions.js';
import { startTestStack, type Caller, type TestStack } from '../helpers/stack.js';

const APPLY = `mutation($input: ChannelApplicationInput!) { applyForChannel(input: $input) { id status h5Origin } }`;
const APPROVE = `mutation($id: ID!, $code: String!) { approveChannelApplication(id: $id, code: $code) { application { status channel { code } } channel { code name kind status } key { id key } } }`;
const REJECT = `mutation($id: ID!, $reason: String!) { rejectChannelApplication(id: $id, reason: $reason) { status rejectionReason } }`;
const ROTATE = `mutation($code: String!, $at: DateTime!) { rotateChannelKey(code: $code, retireOldAt: $at) { key { id key } retiring { id retiresAt } } }`;
const SUSPEND = `mutation($code: String!, $reason: String!) { suspendChannel(code: $code, reason: $reason) { status } }`;
const REINSTATE = `mutation($code: String!) { reinstateChannel(code: $code) { status } }`;
const USAGE = `query($code: String!) { channelUsage(code: $code, days: 3) { registeredUsers channel { code } days { date requests errors { code count } } } }`;
const ME = '{ me { id } }';

describe('channel onboarding (统一开放机制), through the gateway', () => {
  let t: TestStack;
  const admin = () => t.as('dev-admin');
  const withKey = (key: string, user = 'openid-1'): Caller => ({ key, channelUser: user });

  beforeAll(async () => {
    t = await startTestStack();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('applies, approves with a key shown once, rotates with overlap, suspends at once, reinstates, and counts usage', async () => {
    const applied = await t.gql<{ applyForChannel: { id: string; status: string; h5Origin: string } }>(admin(), APPLY, {
      input: { name: '桂小通', kind: 'H5', contact: 'dev@guixiaotong.example', h5Origin: 'https://h5.guixiaotong.example/' },
    });
    expect(applied.errors).toBeUndefined();
    expect(applied.data!.applyForChannel).toMatchObject({ status: 'PENDING', h5Origin: 'https://h5.guixiaotong.example' });
    const id = applied.data!.applyForChannel.id;

    const approved = await t.gql<{ approveChannelApplication: { key: { key: string }; channel: { code: string; status: string } } }>(admin(), APPROVE, { id, code: 'guixiaotong' });
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.approveChannelApplication).toMatchObject({ application: { status: 'APPROVED', channel: { code: 'guixiaotong' } }, channel: { code: 'guixiaotong', name: '桂小通', kind: 'H5', status: 'ACTIVE' } });
    const first = approved.data!.approveChannelApplication.key.key;
    expect(first).toMatch(/^hcg_channel_/);
    const twice = await t.gql(admin(), APPROVE, { id, code: 'guixiaotong-2' });
    expect(twice.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_DECIDED' });

    // The new key works at once: its user registers through the new channel.
    const reg = await t.gql<{ registerPerson: { person: { id: string } } }>(withKey(first), REGISTER, { input: registerInput() });
    expect(reg.errors).toBeUndefined();
    expect((await t.gql<{ me: { id: string } }>(withKey(first), ME)).data!.me.id).toBe(reg.data!.registerPerson.person.id);

    // Rotation: both keys work until the old one's retirement time, then only the new one.
    const retireAt = new Date(t.clock.now().getTime() + 3600_000).toISOString();
    const rotated = await t.gql<{ rotateChannelKey: { key: { key: string }; retiring: { retiresAt: string }[] } }>(admin(), ROTATE, { code: 'guixiaotong', at: retireAt });
    expect(rotated.errors).toBeUndefined();
    const retiring = rotated.data!.rotateChannelKey.retiring;
    expect(retiring.map((k) => Date.parse(k.retiresAt))).toEqual([Date.parse(retireAt)]);
    const second = rotated.data!.rotateChannelKey.key.key;
    expect((await t.gql(withKey(first), ME)).errors).toBeUndefined();
    expect((await t.gql(withKey(second), ME)).errors).toBeUndefined();
    const third = await t.gql(admin(), ROTATE, { code: 'guixiaotong', at: retireAt });
    expect(third.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ROTATION_IN_PROGRESS' });
    const start = t.clock.now().toISOString();
    try {
      t.clock.advanceDays(1 / 24 + 1 / 1440);
      const old = await t.gql(withKey(first), ME);
      expect(old.status).toBe(401);
      expect(old.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
      expect((await t.gql(withKey(second), ME)).errors).toBeUndefined();
    } finally {
      t.clock.set(start);
    }

    // Suspension: the very next request is refused with the reason; reinstatement lets it back.
    expect((await t.gql(admin(), SUSPEND, { code: 'guixiaotong', reason: '未按约定展示健康码' })).errors).toBeUndefined();
    const refused = await t.gql(withKey(second), ME);
    expect(refused.status).toBe(403);
    expect(refused.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN', reason: 'CHANNEL_SUSPENDED' } });
    expect(refused.errors![0]!.message).toContain('未按约定展示健康码');
    expect((await t.gql(admin(), REINSTATE, { code: 'guixiaotong' })).errors).toBeUndefined();
    expect((await t.gql(withKey(second), ME)).errors).toBeUndefined();

    // Usage: requests per day and errors by code, flushed by the gateway in batches.
    await t.gql(withKey(second), '{ me { id nope } }');
    await t.stack.gateway.flushUsage();
    const usage = await t.gql<{ channelUsage: { registeredUsers: number; days: { requests: number; errors: { code: string; count: number }[] }[] } }>(admin(), USAGE, { code: 'guixiaotong' });
    expect(usage.errors).toBeUndefined();
    expect(usage.data!.channelUsage.registeredUsers).toBe(1);
    const days = usage.data!.channelUsage.days;
    // Seven answered calls, and the one refused while suspended (issue 21: refused calls count too).
    expect(days.reduce((n, d) => n + d.requests, 0)).toBe(8);
    expect(days.flatMap((d) => d.errors)).toEqual(expect.arrayContaining([{ code: 'GRAPHQL_VALIDATION_FAILED', count: 1 }, { code: 'FORBIDDEN', count: 1 }]));
    expect(days.flatMap((d) => d.errors)).toHaveLength(2);
  });

  it("counts a channel's POST /h5/sessions and its refused calls (a suspended key's too) in channelUsage", async () => {
    const applied = await t.gql<{ applyForChannel: { id: string } }>(admin(), APPLY, { input: { name: '桂民通', kind: 'APP', contact: 'dev@gmt.example', h5Origin: 'https://gmt.example' } });
    const approved = await t.gql<{ approveChannelApplication: { key: { key: string } } }>(admin(), APPROVE, { id: applied.data!.applyForChannel.id, code: 'guimintong' });
    const key = approved.data!.approveChannelApplication.key.key;
    const origin = new URL(t.stack.gateway.url).origin;

    // The channel's backend opens the H5 page for its user: one call, answered.
    const opened = await fetch(`${origin}/h5/sessions`, { method: 'POST', headers: { 'x-api-key': key, 'x-channel-user': 'openid-h5' } });
    expect(opened.status).toBe(200);
    const ticket = (await opened.json()) as { launchPath: string; expiresAt: string };
    // In the province's time like every instant of the API, one minute from now.
    expect(ticket.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
    expect(Date.parse(ticket.expiresAt)).toBe(t.clock.now().getTime() + 60_000);
    const launched = await fetch(new URL(ticket.launchPath, origin), { redirect: 'manual' });
    expect(launched.status).toBe(303);
    const cookies = Object.fromEntries(launched.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=') as [string, string]));
    // From that session, an operation off the page's safelist: refused before it reaches Apollo.
    const refused = await fetch(t.stack.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${cookies[SESSION_COOKIE]}`, [CSRF_HEADER]: cookies[CSRF_COOKIE]! },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(refused.status).toBe(403);
    // Suspended: its key is refused at authentication, and the refusal is still the channel's call.
    expect((await t.gql(admin(), SUSPEND, { code: 'guimintong', reason: '整改' })).errors).toBeUndefined();
    const suspended = await t.gql({ key, channelUser: 'openid-h5' }, ME);
    expect(suspended.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CHANNEL_SUSPENDED' });

    await t.stack.gateway.flushUsage();
    const usage = await t.gql<{ channelUsage: { days: { requests: number; errors: { code: string; count: number }[] }[] } }>(admin(), USAGE, { code: 'guimintong' });
    expect(usage.errors).toBeUndefined();
    const days = usage.data!.channelUsage.days;
    expect(days.reduce((n, d) => n + d.requests, 0)).toBe(3);
    expect(days.flatMap((d) => d.errors)).toEqual([{ code: 'FORBIDDEN', count: 2 }]);
  });

  it('rejects an application with a reason, refuses bad origins, and is for operators only', async () => {
    const bad = await t.gql(admin(), APPLY, { input: { name: 'X', kind: 'APP', contact: 'x', h5Origin: 'http://evil.example/path' } });
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'BAD_ORIGIN' });
    const applied = await t.gql<{ applyForChannel: { id: string } }>(admin(), APPLY, { input: { name: '某某扫码', kind: 'APP', contact: 'x@y.example', h5Origin: 'https://a.example' } });
    const rejected = await t.gql(admin(), REJECT, { id: applied.data!.applyForChannel.id, reason: '资质不全' });
    expect(rejected.data).toEqual({ rejectChannelApplication: { status: 'REJECTED', rejectionReason: '资质不全' } });
    // Operators only: the authority sees the field and is refused; a channel's contract has no such field.
    const denied = await t.gql(t.as('dev-authority'), SUSPEND, { code: 'alipay', reason: 'x' });
    expect(denied.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const unseen = await t.gql(t.as('dev-channel-alipay', 'u'), SUSPEND, { code: 'alipay', reason: 'x' });
    expect(unseen.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('suspends a channel whose key the gateway keeps (issued with npm run api-keys) just as at once', async () => {
    const agx = t.as('dev-channel-aiguangxi', 'u-1');
    expect((await t.gql(agx, ME)).errors).toBeUndefined();
    expect((await t.gql(admin(), SUSPEND, { code: 'aiguangxi', reason: '安全整改' })).errors).toBeUndefined();
    expect((await t.gql(agx, ME)).errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CHANNEL_SUSPENDED' });
    expect((await t.gql(admin(), REINSTATE, { code: 'aiguangxi' })).errors).toBeUndefined();
    expect((await t.gql(agx, ME)).errors).toBeUndefined();
  });

  describe('browser sessions and launch tickets live no longer than their key and channel (SPEC §8)', () => {
    // Another gateway instance on the same database: it hears of suspensions and revocations only
    // through NOTIFY, as every worker of GATEWAY_WORKERS and every other instance does.
    let other: RunningGateway;
    beforeAll(async () => {
      other = await startSecondGateway(t);
    });
    afterAll(async () => {
      await other?.close();
    });
    const refusal = (res: { status: number; errors?: { extensions?: Record<string, unknown> }[] }) => ({ status: res.status, code: res.errors?.[0]?.extensions?.code, reason: res.errors?.[0]?.extensions?.reason });

    it("ends an H5 session and an unused launch ticket when the channel is suspended, on every gateway at once; reinstating revives neither", async () => {
      const resident: Caller = { key: 'hcg_dev_channel_alipay', channelUser: `session-${Date.now()}` };
      expect((await t.gql(resident, REGISTER, { input: registerInput() })).errors).toBeUndefined();
      const session = await h5Session(t.stack.gateway.url, resident);
      const ticket = await launchPath(t.stack.gateway.url, resident);
      for (const url of [t.stack.gateway.url, other.url]) expect((await pageOperation(url, session, 'H5Home')).errors).toBeUndefined();

      const signal = await nextCredentialsSignal(t);
      expect((await t.gql(admin(), SUSPEND, { code: 'alipay', reason: '安全整改' })).errors).toBeUndefined();
      try {
        await signal();
        const refused = await pageOperation(other.url, session, 'H5Home');
        expect(refusal(refused)).toEqual({ status: 401, code: 'UNAUTHENTICATED', reason: 'CHANNEL_SUSPENDED' });
        expect(refused.data ?? null).toBeNull();
        expect(await redeem(other.url, ticket)).toEqual({ status: 403, reason: 'CHANNEL_SUSPENDED' });
      } finally {
        expect((await t.gql(admin(), REINSTATE, { code: 'alipay' })).errors).toBeUndefined();
      }
      // Ended for good: the resident opens the page again from the app, with a new ticket.
      expect(refusal(await pageOperation(t.stack.gateway.url, session, 'H5Home'))).toEqual({ status: 401, code: 'UNAUTHENTICATED', reason: 'SESSION_EXPIRED' });
      expect((await redeem(t.stack.gateway.url, ticket)).reason).toBe('TICKET_USED');
      expect((await pageOperation(other.url, await h5Session(other.url, resident), 'H5Home')).errors).toBeUndefined();
    });

    it('ends the sessions a revoked channel key and a revoked dashboard key opened (npm run api-keys -- revoke), on every gateway at once', async () => {
      const channelKey = await issueApiKey(t.stack.db, 'channel', 'wechat-zzg', 'session test');
      const dashboardKey = await issueApiKey(t.stack.db, 'dashboard', 'ops-session-test', 'session test');
      const h5 = await h5Session(t.stack.gateway.url, { key: channelKey.key, channelUser: 'revoked-key-user' });
      const ticket = await launchPath(t.stack.gateway.url, { key: channelKey.key, channelUser: 'revoked-key-user' });
      const dashboard = await dashboardSession(t.stack.gateway.url, dashboardKey.key);
      for (const url of [t.stack.gateway.url, other.url]) {
        expect((await pageOperation(url, h5, 'H5Home')).errors).toBeUndefined();
        expect((await pageOperation(url, dashboard, 'ColorCounts', { level: 'CITY' })).errors).toBeUndefined();
      }

      const keys = new GatewayRepository(t.stack.db.gateway.db);
      for (const [id, session, operation, variables] of [
        [channelKey.id, h5, 'H5Home', undefined],
        [dashboardKey.id, dashboard, 'ColorCounts', { level: 'CITY' }],
      ] as const) {
        const signal = await nextCredentialsSignal(t);
        await keys.revokeKey(id);
        await signal();
        expect(refusal(await pageOperation(other.url, session, operation, variables))).toEqual({ status: 401, code: 'UNAUTHENTICATED', reason: 'KEY_REVOKED' });
        expect(refusal(await pageOperation(t.stack.gateway.url, session, operation, variables))).toEqual({ status: 401, code: 'UNAUTHENTICATED', reason: 'SESSION_EXPIRED' });
      }
      expect(await redeem(other.url, ticket)).toEqual({ status: 403, reason: 'KEY_REVOKED' });
    });
  });
});
