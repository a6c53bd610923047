import { describe, expect, it } from 'vitest';
import { consentVerdict, isConfirmed, type ConsentFacts } from './consent.js';

const base: ConsentFacts = { created: false, birthDate: '1990-03-07', today: '2026-12-01', ownChannel: false, consented: false };

describe(consentVerdict.name, () => {
  it.each([
    ['a registered adult of 36, unasked', {}, { ok: false, reason: 'CONSENT_REQUIRED' }],
    ['the same adult after they accepted', { consented: true }, { ok: true, basis: 'CONSENT' }],
    ['an adult of 40 this very call would register (issue 21: born 1986, OTHER)', { created: true, birthDate: '1986-05-05' }, { ok: false, reason: 'CONSENT_REQUIRED' }],
    ['a child this very call registers', { created: true, birthDate: '2020-01-01' }, { ok: true, basis: 'NEW_PERSON' }],
    ['an elderly person this very call registers', { created: true, birthDate: '1940-01-01' }, { ok: true, basis: 'NEW_PERSON' }],
    ['a child of 13 (14th birthday tomorrow)', { birthDate: '2012-12-02' }, { ok: true, basis: 'CHILD' }],
    ['a child who turns 14 today', { birthDate: '2012-12-01' }, { ok: false, reason: 'CONSENT_REQUIRED' }],
    ['a person of 64 (65th birthday tomorrow)', { birthDate: '1961-12-02' }, { ok: false, reason: 'CONSENT_REQUIRED' }],
    ['a person who turns 65 today', { birthDate: '1961-12-01' }, { ok: true, basis: 'ELDERLY' }],
    ['a person of 90', { birthDate: '1936-01-01' }, { ok: true, basis: 'ELDERLY' }],
    ['a person of 90 who uses a channel of their own', { birthDate: '1936-01-01', ownChannel: true }, { ok: false, reason: 'CONSENT_REQUIRED' }],
    ['a child of 12 who uses a channel of their own', { birthDate: '2014-06-01', ownChannel: true }, { ok: false, reason: 'CONSENT_REQUIRED' }],
    ['a person of 90 with a channel, after they accepted', { birthDate: '1936-01-01', ownChannel: true, consented: true }, { ok: true, basis: 'CONSENT' }],
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

describe(isConfirmed.name, () => {
  it.each([
    ['NEW_PERSON', false],
    ['CHILD', false],
    ['ELDERLY', false],
    ['CONSENT', true],
    ['AUTHORITY', true],
    ['GRID_VISIT', true],
  ])('%s → confirmed: %s', (basis, confirmed) => {
    expect(isConfirmed(basis)).toBe(confirmed);
  });
});
