import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../common/platform/config.js';
import { Sm2Signer, verifySm2 } from './sm2.js';

const pemOf = () => generateKeyPairSync('ec', { namedCurve: 'SM2' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe(Sm2Signer.name, () => {
  it('signs a body that verifies with the published key alone, and not once a byte changes', () => {
    const signer = new Sm2Signer(pemOf());
    const body = '{"data":{"codeColor":"GREEN"}}';
    const { publicKey, keyId, alg } = signer.published();
    expect(alg).toBe('SM2-SM3');
    expect(keyId).toMatch(/^[0-9a-f]{16}$/);
    const signature = signer.sign(body);
    expect(verifySm2(body, signature, publicKey)).toBe(true);
    expect(verifySm2(body.replace('GREEN', 'RED'), signature, publicKey)).toBe(false);
    expect(verifySm2(body, signature, new Sm2Signer(pemOf()).published().publicKey)).toBe(false);
  });

  it('is SM2, not ECDSA on the SM2 curve: a key object from generateKeyPairSync signs what the published key refuses', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const signer = new Sm2Signer(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    const ecdsa = sign('sm3', Buffer.from('x'), privateKey).toString('base64');
    expect(verifySm2('x', ecdsa, signer.published().publicKey)).toBe(false);
    expect(verifySm2('x', signer.sign('x'), signer.published().publicKey)).toBe(true);
  });

  it('is configured by GBT38963_SM2_PRIVATE_KEY as PEM or base64 of PEM, and refuses any other key', () => {
    const pem = pemOf();
    const base = { NODE_ENV: 'test', DATA_DIR: '/nonexistent' } as const;
    expect(loadConfig({ ...base, GBT38963_SM2_PRIVATE_KEY: pem }).gbt38963Sm2PrivateKey).toBe(pem);
    expect(loadConfig({ ...base, GBT38963_SM2_PRIVATE_KEY: Buffer.from(pem).toString('base64') }).gbt38963Sm2PrivateKey).toBe(pem);
    expect(loadConfig(base).gbt38963Sm2PrivateKey).toBeUndefined();
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => loadConfig({ ...base, GBT38963_SM2_PRIVATE_KEY: p256 })).toThrow(/GBT38963_SM2_PRIVATE_KEY: must be an SM2 private key/);
    expect(() => loadConfig({ ...base, GBT38963_SM2_PRIVATE_KEY: 'not a key' })).toThrow(/GBT38963_SM2_PRIVATE_KEY/);
  });
});
