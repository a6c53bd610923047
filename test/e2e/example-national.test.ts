import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_HEADER } from '../../gateway/national/sm2.js';
import { asOperator, onboardPlatform, runExampleNational } from '../../scripts/example-national.js';
import { startTestStack, TestClock, type TestStack } from '../helpers/stack.js';

// docs/interop.md sends the national platform's engineers to this script: every mapped GB/T 38963
// operation must keep working through the gateway, and every answer must carry a verifiable SM2 signature.
describe('the example national platform in docs/interop.md', () => {
  let t: TestStack;
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
  beforeAll(async () => {
    // A platform's own program signs with the wall clock: the graph runs on it here, as for the example partner.
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    t = await startTestStack({ GBT38963_SM2_PRIVATE_KEY: Buffer.from(pem).toString('base64') }, { clock: new TestClock(Date.now()) });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('runs every mapped operation, each answer signed with the configured SM2 key, and again as a re-run', async () => {
    const lines: string[] = [];
    const first = await runExampleNational(t.stack.gateway.url, (l) => lines.push(l));
    expect(first.steps.filter((s) => !s.ok), lines.join('\n')).toEqual([]);
    for (const op of ['codes', 'health-declarations', 'trip-declarations', 'health-info', 'code-verifications', 'corrections']) {
      expect(first.steps.some((s) => s.step.startsWith(op)), op).toBe(true);
    }
    // 11 calls in the run: the six operations, four refusals and the first use of the token then replayed; all signed, all verified.
    expect(first.signedAnswers).toBe(11);
    const second = await runExampleNational(t.stack.gateway.url, (l) => lines.push(l));
    expect(second.steps.filter((s) => !s.ok), lines.join('\n')).toEqual([]);
    expect(second.steps[0]!.step).toBe('partner (already registered: keys rotated)');
  });

  it('publishes the configured key, and a signature verifies with it and nothing else', async () => {
    const res = await fetch(new URL('/gbt38963/v1/public-key', t.stack.gateway.url));
    const text = await res.text();
    const published = (JSON.parse(text) as { data: { alg: string; publicKey: string } }).data;
    expect(published.alg).toBe('SM2-SM3');
    expect(createPublicKey(published.publicKey).export({ type: 'spki', format: 'der' })).toEqual(publicKey.export({ type: 'spki', format: 'der' }));
    // An unauthenticated call is answered, and signed, too: the verifier checks with our own key pair's public half.
    const refused = await fetch(new URL('/gbt38963/v1/health-info', t.stack.gateway.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const body = await refused.text();
    expect(refused.status).toBe(401);
    expect(JSON.parse(body)).toEqual({ error: { code: 'UNAUTHENTICATED', reason: 'NO_CREDENTIALS', field: null, message: expect.any(String) } });
    const signature = Buffer.from(refused.headers.get(SIGNATURE_HEADER)!, 'base64');
    // From PEM, as any verifier holds it: a key object straight from generateKeyPairSync is an EC key on
    // the SM2 curve and verifies ECDSA-over-SM3, not SM2 (docs/interop.md, "SM2 signatures").
    const ours = createPublicKey(publicKey.export({ type: 'spki', format: 'pem' }));
    expect(verify('sm3', Buffer.from(body), ours, signature)).toBe(true);
    expect(verify('sm3', Buffer.from(`${body} `), ours, signature)).toBe(false);
    expect(verify('sm3', Buffer.from(body), publicKey, signature)).toBe(false);
  });

  it('refuses a partner without the right, a platform without a channel or with a suspended one; bad input changes nothing', async () => {
    const url = t.stack.gateway.url;
    const steps: string[] = [];
    const note = (name: string, ok: boolean, detail: string) => void steps.push(`${ok ? '✓' : '✗'} ${name}: ${detail}`);
    const error = (a: { status: number; body: { error?: { code: string; reason: string | null } } }) => `${a.status} ${a.body.error?.code} ${a.body.error?.reason}`;

    const province = await onboardPlatform(url, 'nat-no-right', note, { rights: ['VERIFY_CODES'] });
    expect(error(await province.call('health-info', {}, { sub: 'u1' })), steps.join('\n')).toBe('403 FORBIDDEN NOT_A_NATIONAL_PLATFORM');

    const channelless = await onboardPlatform(url, 'nat-no-channel', note, { channel: false });
    expect(error(await channelless.call('health-info', {}, { sub: 'u1' }))).toBe('403 FORBIDDEN NO_PLATFORM_CHANNEL');

    const suspended = await onboardPlatform(url, 'nat-suspended', note);
    const s = await asOperator(url, 'mutation { suspendChannel(code: "nat-suspended", reason: "test") { code } }');
    expect(s.errors).toBeUndefined();
    expect(error(await suspended.call('health-info', {}, { sub: 'u1' }))).toBe('403 FORBIDDEN CHANNEL_SUSPENDED');

    const platform = await onboardPlatform(url, 'nat-ok', note);
    expect(error(await platform.call('health-info', {}, {}))).toBe('401 UNAUTHENTICATED MISSING_PLATFORM_USER');
    expect(error(await platform.call('code-verifications', { codeValue: 'x' }, { sub: 'u1' }))).toBe('401 UNAUTHENTICATED MISSING_CHECKPOINT');
    const applied = await platform.call('codes', { name: '测试', documentNumber: '450102198501010021', region: '450103' }, { sub: 'u2' });
    expect(error(applied)).toBe('400 BAD_USER_INPUT BAD_CHECK_CHARACTER');
    expect(error(await platform.call('health-info', {}, { sub: 'u2' }))).toBe('404 NOT_FOUND NOT_REGISTERED');
    const ok = await platform.call('codes', { name: '测试', documentNumber: '45010219850101002X', region: '450103' }, { sub: 'u2' });
    expect(ok.status, ok.text).toBe(200);
    // A trip a month ago is refused by the graph (PAST_DATE): nothing is declared.
    const old = await platform.call('trip-declarations', { temperature: 36.5, trip: { departureRegion: '440100', destinationRegion: '450103', travelDate: '2000-01-01', transport: 'CAR' } }, { sub: 'u2' });
    expect(old.status, old.text).toBe(400);
    expect(old.body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: expect.stringContaining('date') });
    const info = await platform.call('health-info', {}, { sub: 'u2' });
    expect(info.body.data?.declarations).toEqual([]);

    const lost = await fetch(new URL('/gbt38963/v1/codes', url));
    expect(lost.status).toBe(404);
    expect(((await lost.json()) as { error: { reason: string } }).error.reason).toBe('UNKNOWN_OPERATION');
    const notJson = await fetch(new URL('/gbt38963/v1/codes', url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { code: string; reason: string } }).error).toMatchObject({ code: 'BAD_REQUEST', reason: 'MALFORMED_REQUEST' });
  });
});
