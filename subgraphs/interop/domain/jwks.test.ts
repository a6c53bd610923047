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

  it.each([
    ['not a JWKS', [ec()], 'BAD_JWKS'],
    ['an empty key list', { keys: [] }, 'BAD_JWKS'],
    ['a private key', { keys: [{ ...(generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }) as object), kid: 'x' }] }, 'PRIVATE_KEY'],
    ['an RSA key', { keys: [{ ...(generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' }) as object), kid: 'r' }] }, 'UNSUPPORTED_KEY'],
    ['a key without kid', { keys: [{ ...ed(), kid: undefined }] }, 'BAD_KID'],
    ['two keys with one kid', { keys: [{ ...ed(), kid: 'a' }, { ...ec(), kid: 'a' }] }, 'DUPLICATE_KID'],
  ])('refuses %s', (_what, value, reason) => {
    expect(validatePartnerJwks(value)).toMatchObject({ ok: false, reason });
  });
});
