import { SignJWT, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { hasScopes, PRINCIPAL_REUSE_SECONDS, PrincipalTokens, signPrincipal, signPrincipalSync, verifyPrincipal, type Principal } from './principal.js';

const secret = 's'.repeat(40);
const channel: Principal = { kind: 'channel', subject: 'alipay', channelUser: 'u1', scopes: [], credentialId: 'k1' };

describe(verifyPrincipal.name, () => {
  it('accepts what the gateway signed and returns the same principal', async () => {
    expect(await verifyPrincipal(await signPrincipal(channel, secret), secret)).toEqual(channel);
  });

  it.each([
    ['no header', async () => undefined],
    ['another secret', async () => signPrincipal(channel, 'x'.repeat(40))],
    ['a tampered payload', async () => {
      const [h, p, s] = (await signPrincipal(channel, secret)).split('.');
      const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
      claims.p.kind = 'authority';
      return [h, Buffer.from(JSON.stringify(claims)).toString('base64url'), s].join('.');
    }],
    ['an expired token', async () =>
      new SignJWT({ p: channel }).setProtectedHeader({ alg: 'HS256' }).setIssuer('healthcode-graph/gateway').setAudience('healthcode-graph/subgraphs')
        .setIssuedAt(Math.floor(Date.now() / 1000) - 600).setExpirationTime(Math.floor(Date.now() / 1000) - 300).sign(new TextEncoder().encode(secret))],
    // The outside probe's: signed with the right secret but never expiring, or issued long ago.
    ['a token without exp', async () =>
      new SignJWT({ p: channel }).setProtectedHeader({ alg: 'HS256' }).setIssuer('healthcode-graph/gateway').setAudience('healthcode-graph/subgraphs').setIssuedAt().sign(new TextEncoder().encode(secret))],
    ['a token issued a day ago that expires in a year', async () =>
      new SignJWT({ p: channel }).setProtectedHeader({ alg: 'HS256' }).setIssuer('healthcode-graph/gateway').setAudience('healthcode-graph/subgraphs')
        .setIssuedAt(Math.floor(Date.now() / 1000) - 86_400).setExpirationTime('365d').sign(new TextEncoder().encode(secret))],
    ['an unsigned token', async () => {
      const [, p] = (await signPrincipal(channel, secret)).split('.');
      return `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`;
    }],
  ])('refuses %s with UNAUTHENTICATED', async (_what, make) => {
    await expect(verifyPrincipal(await make(), secret)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});

describe(signPrincipalSync.name, () => {
  it('is a standard HS256 compact JWS that jose verifies, lasting 60 s', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = signPrincipalSync(channel, secret, now);
    const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(secret), {
      issuer: 'healthcode-graph/gateway',
      audience: 'healthcode-graph/subgraphs',
      algorithms: ['HS256'],
    });
    expect(protectedHeader).toEqual({ alg: 'HS256' });
    expect(payload).toMatchObject({ p: channel, iat: now, exp: now + 60 });
  });

  it('signs the same bytes jose does', async () => {
    const now = Math.floor(Date.now() / 1000);
    const jose = await new SignJWT({ p: channel }).setProtectedHeader({ alg: 'HS256' }).setIssuer('healthcode-graph/gateway').setAudience('healthcode-graph/subgraphs')
      .setIssuedAt(now).setExpirationTime(now + 60).sign(new TextEncoder().encode(secret));
    expect(signPrincipalSync(channel, secret, now)).toBe(jose);
  });
});

describe(PrincipalTokens.name, () => {
  it('reuses one principal\'s header for half its lifetime, then signs a fresh one', async () => {
    let now = Date.now();
    const tokens = new PrincipalTokens(secret, () => now);
    const first = tokens.token(channel);
    now += (PRINCIPAL_REUSE_SECONDS - 1) * 1000;
    expect(tokens.token({ ...channel })).toBe(first);
    now += 2000;
    const second = tokens.token(channel);
    expect(second).not.toBe(first);
    expect(JSON.parse(Buffer.from(second.split('.')[1]!, 'base64url').toString()).iat).toBe(Math.floor(now / 1000));
  });

  it.each([
    ['another channel user', { ...channel, channelUser: 'u2' }],
    ['another credential', { ...channel, credentialId: 'k2' }],
    ['more scopes', { ...channel, scopes: ['extra'] }],
    ['another kind', { ...channel, kind: 'authority' as const }],
  ])('never hands one principal\'s header to %s', async (_what, other) => {
    const tokens = new PrincipalTokens(secret);
    tokens.token(channel);
    expect(await verifyPrincipal(tokens.token(other), secret)).toEqual(other);
  });
});

describe(hasScopes.name, () => {
  it.each([
    [[['authority']], 'authority', [], true],
    [[['channel'], ['authority']], 'channel', [], true],
    [[['authority']], 'channel', [], false],
    [[['province', 'interop:SEND_STATUS']], 'province', ['interop:SEND_STATUS'], true],
    [[['province', 'interop:SEND_STATUS']], 'province', ['interop:REQUEST_STATUS'], false],
  ] as const)('%j for %s with %j is %s', (alternatives, kind, scopes, expected) => {
    expect(hasScopes({ kind, scopes: [...scopes] }, alternatives)).toBe(expected);
  });
});
