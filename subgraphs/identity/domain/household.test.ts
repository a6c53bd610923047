import { describe, expect, it } from 'vitest';
import { callerMayBeGuardian, canAddDependent, MAX_DEPENDENTS, MAX_GUARDIANS, registrationOverRecord, type HouseholdFacts } from './household.js';

const base: HouseholdFacts = {
  guardianId: 'g',
  guardianBirthDate: '1990-03-07',
  dependentId: 'd',
  today: '2026-11-26',
  coResident: true,
  dependentsOfGuardian: 0,
  guardiansOfDependent: 0,
  alreadyLinked: false,
};

describe(canAddDependent.name, () => {
  it.each([
    ['an adult co-resident guardian', {}, { ok: true, change: true }],
    ['a guardian who turns 18 today', { guardianBirthDate: '2008-11-26' }, { ok: true, change: true }],
    ['a member already in the household, even at the limit', { alreadyLinked: true, dependentsOfGuardian: MAX_DEPENDENTS }, { ok: true, change: false }],
    ['a guardian one day short of 18', { guardianBirthDate: '2008-11-27' }, { ok: false, reason: 'GUARDIAN_NOT_ADULT', code: 'FORBIDDEN' }],
    ['a guardian without a known birth date', { guardianBirthDate: null }, { ok: false, reason: 'GUARDIAN_NOT_ADULT' }],
    ['no co-residence confirmation', { coResident: false }, { ok: false, reason: 'CO_RESIDENCE_REQUIRED', code: 'BAD_USER_INPUT' }],
    ['the guardian themself', { dependentId: 'g' }, { ok: false, reason: 'SELF_DEPENDENT' }],
    ['an 11th member', { dependentsOfGuardian: MAX_DEPENDENTS }, { ok: false, reason: 'TOO_MANY_DEPENDENTS', code: 'CONFLICT' }],
    ['a 10th member', { dependentsOfGuardian: MAX_DEPENDENTS - 1 }, { ok: true, change: true }],
    ['a 6th guardian', { guardiansOfDependent: MAX_GUARDIANS }, { ok: false, reason: 'TOO_MANY_GUARDIANS', code: 'CONFLICT' }],
    ['a 5th guardian', { guardiansOfDependent: MAX_GUARDIANS - 1 }, { ok: true, change: true }],
  ] as const)('%s', (_what, overrides, expected) => {
    expect(canAddDependent({ ...base, ...overrides })).toMatchObject(expected);
  });
});

describe(callerMayBeGuardian.name, () => {
  it.each([
    ['an adult co-resident caller', {}, null],
    ['no co-residence confirmation', { coResident: false }, 'CO_RESIDENCE_REQUIRED'],
    ['a caller one day short of 18', { guardianBirthDate: '2008-11-27' }, 'GUARDIAN_NOT_ADULT'],
    ['a caller without a known birth date', { guardianBirthDate: null }, 'GUARDIAN_NOT_ADULT'],
  ] as const)('%s', (_what, overrides, reason) => {
    expect(callerMayBeGuardian({ ...base, ...overrides })?.reason ?? null).toBe(reason);
  });
});

describe(registrationOverRecord.name, () => {
  it.each([
    ['the holder registers under the name a guardian typed', { sameName: true, heldByChannel: false }, 'SAME'],
    ['the holder registers over a record someone typed under another name (issue 21: 假名字)', { sameName: false, heldByChannel: false }, 'TAKE_OVER'],
    ['a second channel of a registered person, same name', { sameName: true, heldByChannel: true }, 'SAME'],
    ['another name for a document a channel user registered', { sameName: false, heldByChannel: true }, 'MISMATCH'],
  ] as const)('%s', (_what, facts, expected) => {
    expect(registrationOverRecord(facts)).toBe(expected);
  });
});
