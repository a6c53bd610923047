import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decrypt, documentIndex, encrypt } from './crypto.js';

describe('document encryption', () => {
  const key = randomBytes(32);

  it('round-trips and never repeats a ciphertext for the same value', () => {
    const a = encrypt(key, '45010319900307123X', 'RESIDENT_ID');
    const b = encrypt(key, '45010319900307123X', 'RESIDENT_ID');
    expect(a).not.toEqual(b);
    expect(a).not.toContain('450103');
    expect(decrypt(key, a, 'RESIDENT_ID')).toBe('45010319900307123X');
  });

  it('refuses a tampered ciphertext, a wrong key and a wrong associated type', () => {
    const sealed = encrypt(key, '45010319900307123X', 'RESIDENT_ID');
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[raw.length - 1]! ^= 1;
    expect(() => decrypt(key, `v1.${raw.toString('base64url')}`, 'RESIDENT_ID')).toThrow();
    expect(() => decrypt(randomBytes(32), sealed, 'RESIDENT_ID')).toThrow();
    expect(() => decrypt(key, sealed, 'PASSPORT')).toThrow();
  });
});

describe(documentIndex.name, () => {
  it('is stable per key, type and number, and differs across keys and types', () => {
    const key = randomBytes(32);
    const i = documentIndex(key, 'RESIDENT_ID', '11010519491231002X');
    expect(documentIndex(key, 'RESIDENT_ID', '11010519491231002X')).toBe(i);
    expect(documentIndex(key, 'PASSPORT', '11010519491231002X')).not.toBe(i);
    expect(documentIndex(randomBytes(32), 'RESIDENT_ID', '11010519491231002X')).not.toBe(i);
    expect(i).not.toContain('110105');
  });
});
