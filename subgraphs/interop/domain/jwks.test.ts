import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { algorithmOf, validatePartnerJwks } from './jwks.js';

const ec = () => ({ ...(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }) as object), kid: 'gd-1' });
const ed = () => ({ ...(generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }) as object), kid: 'gd-2' });

describe(validatePartnerJwks.name, () => {
  it('accepts public ES256 and EdDSA keys with distinct kids', () => {
    const r = validatePartnerJwks({ keys: [ec(), ed()] });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.keys.map(algorithmOf)).toEqual(['ES256', 'EdDSA']);
  });

  it('keeps the key alone: members beside it are not stored', () => {
    const r = validatePartnerJwks({ keys: [{ ...ed(), alg: 'EdDSA', use: 'sig', x5u: 'https://example.org', note: 'hi' }] });
    expect(r.ok && Object.keys(r.keys[0]!).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
  });

  it.each([
    ['not a JWKS', [ec()], 'BAD_JWKS'],
    ['an empty key list', { keys: [] }, 'BAD_JWKS'],
    ['a private key', { keys: [{ ...(generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }) as object), kid: 'x' }] }, 'PRIVATE_KEY'],
    ['an RSA key', { keys: [{ ...(generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' }) as object), kid: 'r' }] }, 'UNSUPPORTED_KEY'],
    ['a key without kid', { keys: [{ ...ed(), kid: undefined }] }, 'BAD_KID'],
    ['two keys with one kid', { keys: [{ ...ed(), kid: 'a' }, { ...ec(), kid: 'a' }] }, 'DUPLICATE_KID'],
    // The outside probe's keys: a 1 MB x, a point off the curve, and more keys than anyone rotates through.
    ['a 1 MB coordinate', { keys: [{ ...ed(), x: 'A'.repeat(1_000_000) }] }, 'JWKS_TOO_LARGE'],
    ['a short coordinate', { keys: [{ ...ed(), x: 'AAAA' }] }, 'BAD_KEY_SIZE'],
    ['a P-256 point off the curve', { keys: [{ ...ec(), y: Buffer.alloc(32, 7).toString('base64url') }] }, 'INVALID_KEY'],
    ['eleven keys', { keys: Array.from({ length: 11 }, (_, i) => ({ ...ed(), kid: `k${i}` })) }, 'BAD_JWKS'],
    ['a 9 KB member beside the key', { keys: [{ ...ed(), note: 'x'.repeat(9000) }] }, 'JWKS_TOO_LARGE'],
  ])('refuses %s', (_what, value, reason) => {
    expect(validatePartnerJwks(value)).toMatchObject({ ok: false, reason });
  });
});
