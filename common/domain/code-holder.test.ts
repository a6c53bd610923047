import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openCodeHolder, sealCodeHolder } from './code-holder.js';

/** Flips one bit of the ciphertext, so the result always differs from what was sealed. */
function tamper(sealed: string): string {
  const [version, body] = sealed.split('.', 2);
  const raw = Buffer.from(body!, 'base64url');
  raw[raw.length - 1]! ^= 0x01;
  return `${version}.${raw.toString('base64url')}`;
}

describe('code holder pseudonyms', () => {
  const key = randomBytes(32);
  const person = '01900000-0000-7000-8000-000000000001';

  it('gives every scan of one person a different pseudonym that opens to that person', () => {
    const a = sealCodeHolder(key, person);
    const b = sealCodeHolder(key, person);
    expect(a).not.toBe(b);
    expect(a).not.toContain(person);
    expect([openCodeHolder(key, a), openCodeHolder(key, b)]).toEqual([person, person]);
  });

  it.each([
    ['a pseudonym sealed under another key', () => sealCodeHolder(randomBytes(32), person)],
    ['a person id', () => person],
    ['a tampered pseudonym', () => tamper(sealCodeHolder(key, person))],
    ['garbage', () => 'v1.%%%'],
  ])('opens nothing for %s', (_what, make) => {
    expect(openCodeHolder(key, make())).toBeNull();
  });
});
