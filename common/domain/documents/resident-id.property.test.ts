import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { residentIdCheckCharacter, validateDocument } from './index.js';
import { PROVINCE_CODES } from '../regions/index.js';

const TODAY = '2025-06-15';
const CHECK_ALPHABET = [...'0123456789X'];

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

/** 17 digits that pass every rule but the check: known province, county part not 0000, real date ≤ today. */
const first17 = fc
  .record({
    province: fc.constantFrom(...PROVINCE_CODES),
    county: digits(4).filter((d) => d !== '0000'),
    birth: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true }),
    sequence: digits(3),
  })
  .map(({ province, county, birth, sequence }) => ({
    body: province + county + birth.toISOString().slice(0, 10).replaceAll('-', '') + sequence,
    birthDate: birth.toISOString().slice(0, 10),
  }));

describe(`${residentIdCheckCharacter.name} with ${validateDocument.name}`, () => {
  it('accepts the computed check character and rejects the other ten', () => {
    fc.assert(
      fc.property(first17, ({ body, birthDate }) => {
        const check = residentIdCheckCharacter(body);
        const result = validateDocument('RESIDENT_ID', body + check, TODAY);
        expect(result).toEqual({
          ok: true,
          value: {
            type: 'RESIDENT_ID',
            number: body + check,
            birthDate,
            sex: Number(body[16]) % 2 === 1 ? 'MALE' : 'FEMALE',
            regionCode: body.slice(0, 6),
          },
        });
        for (const other of CHECK_ALPHABET.filter((c) => c !== check)) {
          const wrong = validateDocument('RESIDENT_ID', body + other, TODAY);
          expect(wrong.ok ? 'OK' : wrong.reason).toBe('BAD_CHECK_CHARACTER');
        }
      }),
    );
  });

  // MOD 11-2 catches every single mistyped digit; changing the sequence keeps region and date valid,
  // so only the check can notice.
  it('rejects any single changed digit of the sequence', () => {
    fc.assert(
      fc.property(first17, fc.integer({ min: 14, max: 16 }), fc.integer({ min: 1, max: 9 }), ({ body }, at, delta) => {
        const id = body + residentIdCheckCharacter(body);
        const typo = id.slice(0, at) + String((Number(id[at]) + delta) % 10) + id.slice(at + 1);
        const result = validateDocument('RESIDENT_ID', typo, TODAY);
        expect(result.ok ? 'OK' : result.reason).toBe('BAD_CHECK_CHARACTER');
      }),
    );
  });
});
