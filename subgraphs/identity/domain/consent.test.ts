import { describe, expect, it } from 'vitest';
import { consentVerdict, type ConsentFacts } from './consent.js';

const base: ConsentFacts = { created: false, birthDate: '1990-03-07', today: '2026-12-01', consented: false };

describe(consentVerdict.name, () => {
  it.each([
    ['a registered adult of 36, unasked', {}, { ok: false, reason: 'CONSENT_REQUIRED' }],
    ['the same adult after they accepted', { consented: true }, { ok: true, basis: 'CONSENT' }],
    ['a person this very call registers', { created: true }, { ok: true, basis: 'NEW_PERSON' }],
    ['a child of 13 (14th birthday tomorrow)', { birthDate: '2012-12-02' }, { ok: true, basis: 'CHILD' }],
    ['a child who turns 14 today', { birthDate: '2012-12-01' }, { ok: false, reason: 'CONSENT_REQUIRED' }],
    ['a person of 64 (65th birthday tomorrow)', { birthDate: '1961-12-02' }, { ok: false, reason: 'CONSENT_REQUIRED' }],
    ['a person who turns 65 today', { birthDate: '1961-12-01' }, { ok: true, basis: 'ELDERLY' }],
    ['a person of 90', { birthDate: '1936-01-01' }, { ok: true, basis: 'ELDERLY' }],
    ['a registered person with no birth date on record', { birthDate: null }, { ok: false, reason: 'CONSENT_REQUIRED' }],
    ['a birth date after today (never trusted)', { birthDate: '2027-01-01' }, { ok: false, reason: 'CONSENT_REQUIRED' }],
  ])('%s', (_what, facts, expected) => {
    expect(consentVerdict({ ...base, ...facts })).toEqual(expected);
  });

  it('counts age on the province date, not the server date', () => {
    // 2026-12-01 16:30 UTC is already 2 December in UTC+8: the caller passes the local date.
    expect(consentVerdict({ ...base, birthDate: '1961-12-02', today: '2026-12-02' })).toEqual({ ok: true, basis: 'ELDERLY' });
  });
});
