import { describe, expect, it } from 'vitest';
import { validateTicket } from './ticket.js';

describe(validateTicket.name, () => {
  it.each([
    ['GX20200306000123', 'GX20200306000123'],
    ['gx-20200306000123', 'GX-20200306000123'],
    ['2020030600012', '2020030600012'],
    [' GX 2020 0306 0001 ', 'GX202003060001'],
  ])('accepts %j as %s', (raw, ticket) => expect(validateTicket(raw)).toEqual({ ok: true, ticket }));

  it.each(['', 'GX', '1234567', 'GXXXX2020030600', 'GX_20200306000123', '123456789012345678901', 'GX20200306000123;--'])('refuses %j', (raw) => {
    expect(validateTicket(raw).ok).toBe(false);
  });
});
