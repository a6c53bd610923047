import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { groupSummary, verifyOffline, type KeyCache } from './offline.js';

const NOW = Date.parse('2026-11-27T09:30:00+08:00');
const ISSUER = '450000';
const HOUR = 3600_000;

describe(verifyOffline.name, () => {
  let cache: KeyCache;
  let sign: (claims: JWTPayload, opts?: { iatS?: number; expS?: number; kid?: string; typ?: string }) => Promise<string>;
  let stranger: typeof sign;

  beforeAll(async () => {
    const make = async (kid: string) => {
      const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
      const signer: typeof sign = (claims, opts = {}) =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'EdDSA', kid: opts.kid ?? kid, typ: opts.typ ?? 'hc+jwt' })
          .setIssuer(String(claims.iss ?? ISSUER))
          .setIssuedAt(opts.iatS ?? NOW / 1000)
          .setExpirationTime(opts.expS ?? NOW / 1000 + 300)
          .sign(privateKey);
      return { jwk, signer };
    };
    const ours = await make('key-2026-11');
    sign = ours.signer;
    stranger = (await make('key-2026-11')).signer;
    cache = { keys: [ours.jwk], revoked: { 'key-2026-11': ['rid-revoked'] }, fetchedAt: NOW - HOUR };
  });

  const verify = (token: string, opts: { now?: number; temperature?: number | null; maxAgeMs?: number; keys?: KeyCache | null } = {}) =>
    verifyOffline(token, opts.keys === undefined ? cache : opts.keys, { issuer: ISSUER, now: opts.now ?? NOW, maxAgeMs: opts.maxAgeMs ?? 24 * HOUR, temperature: opts.temperature ?? null });

  it('passes a green code, with a normal temperature or none', async () => {
    const token = await sign({ sub: 'c1', color: 'GREEN' });
    expect(await verify(token)).toEqual({ pass: true, reason: null, color: 'GREEN', paper: false });
    expect(await verify(token, { temperature: 36.8 })).toMatchObject({ pass: true });
    expect(await verify(token, { temperature: 37.3 })).toEqual({ pass: false, reason: 'FEVER', color: 'GREEN', paper: false });
  });

  it.each([
    ['YELLOW', 'YELLOW'],
    ['RED', 'RED'],
  ])('stops a %s code', async (color, reason) => {
    expect(await verify(await sign({ sub: 'c1', color }))).toEqual({ pass: false, reason, color, paper: false });
  });

  it.each([
    ['60 s past expiry (the clock-skew allowance)', 60_000, true],
    ['61 s past expiry', 61_000, false],
  ])('judges expiry with the allowance: %s', async (_what, after, pass) => {
    const token = await sign({ sub: 'c1', color: 'GREEN' }, { expS: NOW / 1000 });
    expect((await verify(token, { now: NOW + after })).reason).toBe(pass ? null : 'EXPIRED');
  });

  it('refuses a revoked paper code and passes one not on the list', async () => {
    expect(await verify(await sign({ sub: 'p1', color: 'GREEN', paper: true, rid: 'rid-revoked' }, { expS: NOW / 1000 + 30 * 86400 }))).toEqual({ pass: false, reason: 'REVOKED', color: null, paper: true });
    expect(await verify(await sign({ sub: 'p2', color: 'GREEN', paper: true, rid: 'rid-fine' }))).toMatchObject({ pass: true, paper: true });
  });

  it('refuses altered, foreign-signed, unknown-key, wrong-issuer and malformed tokens by name', async () => {
    const token = await sign({ sub: 'c1', color: 'GREEN' });
    const [h, , s] = token.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ sub: 'c1', color: 'GREEN', iss: ISSUER, exp: NOW / 1000 + 9999 })).toString('base64url');
    expect((await verify(`${h}.${forgedPayload}.${s}`)).reason).toBe('BAD_SIGNATURE');
    expect((await verify(await stranger({ sub: 'c1', color: 'GREEN' }))).reason).toBe('BAD_SIGNATURE');
    expect((await verify(await sign({ sub: 'c1', color: 'GREEN' }, { kid: 'key-elsewhere' }))).reason).toBe('UNKNOWN_KEY');
    expect((await verify(await sign({ sub: 'c1', color: 'GREEN', iss: '440000' }))).reason).toBe('WRONG_ISSUER');
    expect((await verify(await sign({ sub: 'c1', color: 'GREEN' }, { typ: 'eid+jwt' }))).reason).toBe('MALFORMED');
    expect((await verify('not.a.token')).reason).toBe('MALFORMED');
    expect((await verify('https://example.com/')).reason).toBe('MALFORMED');
  });

  it('refuses to verify with keys older than the limit, or none at all', async () => {
    const token = await sign({ sub: 'c1', color: 'GREEN' });
    expect((await verify(token, { maxAgeMs: HOUR - 1 })).reason).toBe('STALE_KEYS');
    expect((await verify(token, { maxAgeMs: HOUR })).reason).toBe(null);
    expect((await verify(token, { keys: null })).reason).toBe('STALE_KEYS');
  });
});

describe(groupSummary.name, () => {
  it.each([
    [{ people: 4, green: 3, yellow: 1, red: 0, unreadable: 0 }, 'zh', '4 人 · 3 绿 1 黄'],
    [{ people: 4, green: 3, yellow: 1, red: 0, unreadable: 0 }, 'en', '4 people · 3 green 1 yellow'],
    [{ people: 3, green: 1, yellow: 0, red: 1, unreadable: 1 }, 'zh', '3 人 · 1 绿 1 红 1 无效'],
    [{ people: 0, green: 0, yellow: 0, red: 0, unreadable: 0 }, 'zh', '0 人'],
  ] as const)('%o in %s: %s', (counts, lang, line) => {
    expect(groupSummary(counts, lang)).toBe(line);
  });
});
