import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openCodeHolder, sealCodeHolder } from './code-holder.js';

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
    ['a tampered pseudonym', () => sealCodeHolder(key, person).slice(0, -2) + 'AA'],
    ['garbage', () => 'v1.%%%'],
  ])('opens nothing for %s', (_what, make) => {
    expect(openCodeHolder(key, make())).toBeNull();
  });
});
