import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_ALPHABET, creditCodeCheckCharacter, validateCreditCode } from './credit-code.js';

describe(validateCreditCode.name, () => {
  // Published codes of real organisations (their business licences are public records).
  it.each([
    ['91440300708461136T', 'a Shenzhen technology company'],
    ['91330100799655058B', 'a Hangzhou network company'],
    ['914403001922038216', 'a Shenzhen company whose check character is a digit'],
    ['91110108551385082Q', 'a Beijing company'],
    ['12100000400000624D', 'a public institution (registration authority 1)'],
  ])('accepts %s (%s)', (code) => expect(validateCreditCode(code)).toEqual({ ok: true, code }));

  it('reads lowercase as capitals and ignores spaces', () => {
    expect(validateCreditCode(' 91440300 708461136t ')).toEqual({ ok: true, code: '91440300708461136T' });
  });

  it.each(['91440300708461136A', '91330100799655058C', '914403001922038217', '91450100198230687E'])('refuses %s with BAD_CHECK_CHARACTER', (code) => {
    expect(validateCreditCode(code)).toMatchObject({ ok: false, reason: 'BAD_CHECK_CHARACTER' });
  });

  it('catches any single changed character', () => {
    const good = '91440300708461136T';
    for (let i = 0; i < 17; i++) {
      for (const c of CREDIT_CODE_ALPHABET) {
        if (c === good[i] || (i >= 2 && i < 8 && !/\d/.test(c))) continue;
        expect(validateCreditCode(good.slice(0, i) + c + good.slice(i + 1)).ok, `${i}:${c}`).toBe(false);
      }
    }
  });

  it.each([
    ['', 'empty'],
    ['9144030070846113', 'too short'],
    ['91440300708461136TT', 'too long'],
    ['9144030070846113IT', 'I is not in the alphabet'],
    ['9144030070846113OT', 'O is not in the alphabet'],
    ['9144030070846113ZT', 'Z is not in the alphabet'],
    ['9144030070846113ST', 'S is not in the alphabet'],
    ['9144030070846113VT', 'V is not in the alphabet'],
    ['91A40300708461136T', 'the region part is digits'],
  ])('refuses %j with BAD_FORMAT (%s)', (code) => expect(validateCreditCode(code)).toMatchObject({ ok: false, reason: 'BAD_FORMAT' }));
});

describe(creditCodeCheckCharacter.name, () => {
  it('uses the 31-character alphabet without I, O, Z, S, V', () => {
    expect(CREDIT_CODE_ALPHABET).toHaveLength(31);
    for (const c of 'IOZSV') expect(CREDIT_CODE_ALPHABET).not.toContain(c);
  });

  it('maps a weighted sum of 0 to 0, not to the 31st character', () => {
    expect(creditCodeCheckCharacter('00000000000000000')).toBe('0');
  });

  it('can answer a letter', () => expect(creditCodeCheckCharacter('91440300708461136')).toBe('T'));
});
