import { describe, expect, it } from 'vitest';
import { bindingVerdict, verificationLevel, type BindingFacts } from './binding.js';

const base: BindingFacts = { created: false, asserted: 'DOCUMENT', firstBinding: 'DOCUMENT', policy: 'FIRST_BINDING' };
const tooWeak = (required: string) => ({ ok: false, reason: 'VERIFICATION_TOO_WEAK', required });

describe(bindingVerdict.name, () => {
  it.each([
    ['a new person, at the weakest level, whatever the policy', { created: true, policy: 'FACE' }, { ok: true }],
    ['a second channel at the first binding level', {}, { ok: true }],
    ['a second channel below a face-checked first binding', { firstBinding: 'FACE', asserted: 'CARRIER' }, tooWeak('FACE')],
    ['a second channel matching a face-checked first binding', { firstBinding: 'FACE', asserted: 'FACE' }, { ok: true }],
    ['a second channel above a carrier-checked first binding', { firstBinding: 'CARRIER', asserted: 'FACE' }, { ok: true }],
    ['a person with no binding yet (a household member)', { firstBinding: null }, { ok: true }],
    ['a set minimum above the first binding', { policy: 'CARRIER', firstBinding: 'DOCUMENT' }, tooWeak('CARRIER')],
    ['a set minimum below the first binding (the authority decides)', { policy: 'DOCUMENT', firstBinding: 'FACE' }, { ok: true }],
    ['a set minimum met exactly', { policy: 'CARRIER', asserted: 'CARRIER', firstBinding: 'FACE' }, { ok: true }],
  ] as const)('%s', (_what, facts, expected) => {
    expect(bindingVerdict({ ...base, ...facts })).toEqual(expected);
  });

  it('orders the methods DOCUMENT < CARRIER < FACE, as the SDL documents', () => {
    expect((['DOCUMENT', 'CARRIER', 'FACE'] as const).map(verificationLevel)).toEqual([1, 2, 3]);
  });
});
