import { describe, expect, it } from 'vitest';
import { residentIdCheckCharacter, validateDocument, type DocumentErrorReason, type DocumentType } from './index.js';

const TODAY = '2025-06-15';
const withCheck = (first17: string): string => first17 + residentIdCheckCharacter(first17);
/** Any check character but the right one, so the test cannot pass by accident. */
const wrongCheck = (id: string): string => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

function reasonOf(type: DocumentType, raw: string, today = TODAY): DocumentErrorReason | 'OK' {
  const result = validateDocument(type, raw, today);
  return result.ok ? 'OK' : result.reason;
}

describe(residentIdCheckCharacter.name, () => {
  // Worked by hand for 45010319900307123: Σ digit×weight = 239, 239 mod 11 = 8, '10X98765432'[8] = '4'.
  // The others were checked with a separate script, not with this module.
  it.each([
    ['11010519491231002', 'X'], // the sample printed in GB 11643
    ['45010319900307123', '4'],
    ['45010219851225002', '9'],
    ['45020520000101001', 'X'],
    ['45100219680229004', '1'],
    ['45018120101010033', '8'],
    ['45010319880808888', '0'],
    ['44030419950615008', '7'],
  ])('%s → %s', (first17, check) => {
    expect(residentIdCheckCharacter(first17)).toBe(check);
  });

  it.each(['', '4501031990030712', '450103199003071234', '4501031990030712X'])('rejects %j as input', (bad) => {
    expect(() => residentIdCheckCharacter(bad)).toThrow(RangeError);
  });
});

describe(validateDocument.name, () => {
  describe('RESIDENT_ID accepted', () => {
    it.each([
      ['11010519491231002X', '11010519491231002X', '1949-12-31', 'FEMALE', '110105'],
      ['11010519491231002x', '11010519491231002X', '1949-12-31', 'FEMALE', '110105'],
      ['450103199003071234', '450103199003071234', '1990-03-07', 'MALE', '450103'],
      ['450102198512250029', '450102198512250029', '1985-12-25', 'FEMALE', '450102'],
      ['45020520000101001X', '45020520000101001X', '2000-01-01', 'MALE', '450205'],
      ['451002196802290041', '451002196802290041', '1968-02-29', 'FEMALE', '451002'],
      ['450181201010100338', '450181201010100338', '2010-10-10', 'MALE', '450181'],
      [withCheck('45130219991231003'), withCheck('45130219991231003'), '1999-12-31', 'MALE', '451302'],
      [withCheck('45140220250615004'), withCheck('45140220250615004'), '2025-06-15', 'FEMALE', '451402'], // born today
      [withCheck('45012719000101005'), withCheck('45012719000101005'), '1900-01-01', 'MALE', '450127'], // 横县, retired 2021
      ['  4501 0319 9003 0712 34 ', '450103199003071234', '1990-03-07', 'MALE', '450103'],
      ['４５０１０３１９９００３０７１２３４', '450103199003071234', '1990-03-07', 'MALE', '450103'], // full-width
      ['810000199001010019', '810000199001010019', '1990-01-01', 'MALE', '810000'], // HK residence permit
      ['830000199001010020', '830000199001010020', '1990-01-01', 'FEMALE', '830000'], // Taiwan residence permit
    ])('%j', (raw, number, birthDate, sex, regionCode) => {
      expect(validateDocument('RESIDENT_ID', raw, TODAY)).toEqual({
        ok: true,
        value: { type: 'RESIDENT_ID', number, birthDate, sex, regionCode },
      });
    });
  });

  describe('RESIDENT_ID rejected', () => {
    it.each([
      ['11010519491231002X'],
      ['450103199003071234'],
      ['450102198512250029'],
      ['45020520000101001X'],
      ['451002196802290041'],
      [withCheck('45100219750505123')],
    ])('%s with a wrong check character', (id) => {
      expect(reasonOf('RESIDENT_ID', id)).toBe('OK');
      expect(reasonOf('RESIDENT_ID', wrongCheck(id))).toBe('BAD_CHECK_CHARACTER');
    });

    it.each<[string, string, DocumentErrorReason]>([
      ['empty', '', 'EMPTY'],
      ['only spaces', '   ', 'EMPTY'],
      ['17 characters', '45010319900307123', 'BAD_LENGTH'],
      ['19 characters', '4501031990030712345', 'BAD_LENGTH'],
      ['15-digit first generation', '450103900307123', 'BAD_LENGTH'],
      ['letter O for zero', '4501031990O3071234', 'BAD_FORMAT'],
      ['X before the end', '45010319900307X234', 'BAD_FORMAT'],
      ['hyphens', '450103-19900307-12', 'BAD_FORMAT'],
      ['unknown province 99', withCheck('99010319900307123'), 'BAD_REGION'],
      ['unknown province 83 outside 830000', withCheck('83010019900307123'), 'BAD_REGION'],
      ['bare province code', withCheck('45000019900307123'), 'BAD_REGION'],
      ['30 February', withCheck('45010319990230123'), 'BAD_BIRTH_DATE'],
      ['29 February of a common year', withCheck('45010320230229123'), 'BAD_BIRTH_DATE'],
      ['month 13', withCheck('45010319901301123'), 'BAD_BIRTH_DATE'],
      ['day 00', withCheck('45010319900100123'), 'BAD_BIRTH_DATE'],
      ['before 1900', withCheck('45010318991231123'), 'BAD_BIRTH_DATE'],
      ['tomorrow', withCheck('45010320250616123'), 'BAD_BIRTH_DATE'],
      ['next year', withCheck('45010320260101123'), 'BAD_BIRTH_DATE'],
    ])('%s', (_label, raw, reason) => {
      expect(reasonOf('RESIDENT_ID', raw)).toBe(reason);
    });

    it('explains a 15-digit number is a first-generation card', () => {
      const result = validateDocument('RESIDENT_ID', '450103900307123', TODAY);
      expect(result.ok ? '' : result.message).toMatch(/first-generation/);
    });

    it('never repeats the number in its message', () => {
      const result = validateDocument('RESIDENT_ID', wrongCheck('450103199003071234'), TODAY);
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.message).not.toMatch(/4501031990/);
    });
  });

  describe.each<[DocumentType, [raw: string, number: string][], [raw: string, reason: DocumentErrorReason][]]>([
    [
      'PASSPORT',
      [
        ['E12345678', 'E12345678'],
        ['EA1234567', 'EA1234567'],
        ['G12345678', 'G12345678'],
        ['e 1234 5678', 'E12345678'],
        ['123456789', '123456789'], // United States
        ['A1234', 'A1234'],
        ['AB1234567890123CD', 'AB1234567890123CD'],
      ],
      [
        ['ABCDEFGH', 'BAD_FORMAT'],
        ['E1234-5678', 'BAD_FORMAT'],
        ['É12345678', 'BAD_FORMAT'],
        ['A123', 'BAD_LENGTH'],
        ['AB1234567890123CDE', 'BAD_LENGTH'],
        [' ', 'EMPTY'],
      ],
    ],
    [
      'HK_MACAO_PERMIT',
      [
        ['H12345678', 'H12345678'],
        ['M87654321', 'M87654321'],
        ['h1234567801', 'H1234567801'],
      ],
      [
        ['H1234567', 'BAD_LENGTH'],
        ['H123456789', 'BAD_LENGTH'],
        ['X12345678', 'BAD_FORMAT'],
        ['H1234567A', 'BAD_FORMAT'],
        ['HM1234567', 'BAD_FORMAT'],
        ['123456789', 'BAD_FORMAT'],
      ],
    ],
    [
      'TAIWAN_PERMIT',
      [
        ['12345678', '12345678'],
        ['1234567890', '1234567890'],
        ['1234567890B', '1234567890B'],
        ['1234567890(b)', '1234567890B'],
        ['1234567890（Ｂ）', '1234567890B'],
      ],
      [
        ['1234567', 'BAD_LENGTH'],
        ['123456789', 'BAD_LENGTH'],
        ['123456789012', 'BAD_LENGTH'],
        ['A2345678', 'BAD_FORMAT'],
        ['12345678AB', 'BAD_FORMAT'],
        ['12345678901', 'BAD_FORMAT'],
      ],
    ],
    [
      'FOREIGN_PERMANENT_RESIDENT',
      [
        ['USA123456789012', 'USA123456789012'],
        ['can 4401 8501 0100', 'CAN440185010100'],
        ['915600198501010011', '915600198501010011'],
        [withCheck('93384019900307001'), withCheck('93384019900307001')],
      ],
      [
        ['US1234567890123', 'BAD_FORMAT'],
        ['USA12345678901A', 'BAD_FORMAT'],
        ['915600198501010012', 'BAD_CHECK_CHARACTER'],
        ['450103199003071234', 'BAD_FORMAT'],
        ['USA1234567890', 'BAD_LENGTH'],
        ['9156001985010100111', 'BAD_LENGTH'],
      ],
    ],
  ])('%s', (type, good, bad) => {
    it.each(good)('accepts %j as %s', (raw, number) => {
      expect(validateDocument(type, raw, TODAY)).toEqual({
        ok: true,
        value: { type, number, birthDate: null, sex: null, regionCode: null },
      });
    });

    it.each(bad)('rejects %j with %s', (raw, reason) => {
      expect(reasonOf(type, raw)).toBe(reason);
    });
  });

  it('rejects a document type outside GB/T 38962', () => {
    expect(reasonOf('DRIVING_LICENCE' as DocumentType, '450103199003071234')).toBe('UNKNOWN_TYPE');
  });

  it.each(['', '2025-6-15', '2025-02-30', '20250615'])('throws on a malformed today %j', (today) => {
    expect(() => validateDocument('RESIDENT_ID', '450103199003071234', today)).toThrow(RangeError);
  });
});
