import { describe, expect, it } from 'vitest';
import { ageBand } from './identity-code.js';

describe('ageBand', () => {
  it.each([
    ['2012-12-02', 'UNDER_14'],
    ['2012-12-01', 'AGE_14_17'],
    ['2008-12-02', 'AGE_14_17'],
    ['2008-12-01', 'AGE_18_59'],
    ['1966-12-02', 'AGE_18_59'],
    ['1966-12-01', 'AGE_60_PLUS'],
  ] as const)('born %s, on 2026-12-01: %s', (birth, band) => expect(ageBand(birth, '2026-12-01')).toBe(band));

  it('has no band without a birth date or with one in the future', () => {
    expect(ageBand(null, '2026-12-01')).toBeNull();
    expect(ageBand('2026-12-02', '2026-12-01')).toBeNull();
  });
});
