import { describe, expect, it } from 'vitest';
import { DateScalar, DateTimeScalar } from './scalars.js';

describe('Date and DateTime scalars', () => {
  it.each([
    ['2026-03-02T00:00:00+08:00', '2026-03-01T16:00:00.000Z'],
    ['2026-02-28T23:59:59.999Z', '2026-02-28T23:59:59.999Z'],
    ['2024-02-29T08:00+08:00', '2024-02-29T00:00:00.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(DateTimeScalar.parseValue(text)).toBe(iso);
  });

  it.each([
    ['30 February (JavaScript would roll it to 2 March)', '2026-02-30T00:00:00+08:00'],
    ['29 February of a common year', '2026-02-29T00:00:00Z'],
    ['month 13', '2026-13-01T00:00:00Z'],
    ['hour 24', '2026-03-01T24:00:00Z'],
    ['minute 60', '2026-03-01T10:60:00Z'],
    ['an offset of +25:00', '2026-03-01T10:00:00+25:00'],
    ['no offset', '2026-03-01T10:00:00'],
    ['a number', 1_700_000_000_000],
  ])('refuses %s as a DateTime with BAD_USER_INPUT', (_what, value) => {
    expect(() => DateTimeScalar.parseValue(value)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }));
  });

  it.each(['2026-02-30', '2026-02-29', '2026-00-10', '2026-1-01'])('refuses %s as a Date', (value) => {
    expect(() => DateScalar.parseValue(value)).toThrow(/calendar date/);
  });
});
