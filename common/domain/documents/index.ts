import { formatIsoDate, parseCompactDate, requireIsoDate } from './calendar.js';
import { provinceOf } from '../regions/index.js';

export { ADULT_AGE, ageOn, isAdult } from './calendar.js';

/** Document types of the national data format GB/T 38962, as the GraphQL enum spells them. */
export const DOCUMENT_TYPES = ['RESIDENT_ID', 'PASSPORT', 'HK_MACAO_PERMIT', 'TAIWAN_PERMIT', 'FOREIGN_PERMANENT_RESIDENT'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Stable machine codes: partners branch on these, so only ever add to the list. */
export const DOCUMENT_ERROR_REASONS = [
  'UNKNOWN_TYPE',
  'EMPTY',
  'BAD_LENGTH',
  'BAD_FORMAT',
  'BAD_REGION',
  'BAD_BIRTH_DATE',
  'BAD_CHECK_CHARACTER',
] as const;
export type DocumentErrorReason = (typeof DOCUMENT_ERROR_REASONS)[number];

export interface NormalizedDocument {
  type: DocumentType;
  number: string;
  birthDate: string | null;
  sex: 'MALE' | 'FEMALE' | null;
  regionCode: string | null;
}

export type DocumentResult =
  | { ok: true; value: NormalizedDocument }
  | { ok: false; reason: DocumentErrorReason; message: string };

const fail = (reason: DocumentErrorReason, message: string): DocumentResult => ({ ok: false, reason, message });

const fields = (type: DocumentType, number: string): DocumentResult => ({
  ok: true,
  value: { type, number, birthDate: null, sex: null, regionCode: null },
});

/** ISO 7064 MOD 11-2 as GB 11643 applies it: weight i is 2^(17-i) mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/** The 18th character of a resident ID (or a 2023-format foreign permanent resident ID). */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('residentIdCheckCharacter needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

const EARLIEST_BIRTH_DATE = '1900-01-01';

/**
 * Region codes 810000, 820000 and 830000 are the fixed address codes of the residence permits for
 * Hong Kong, Macao and Taiwan residents (港澳台居民居住证, 2018). Those permits follow GB 11643 digit
 * for digit and holders present them where a resident ID is asked for, so they pass as RESIDENT_ID
 * even though 83 is no GB/T 2260 province prefix.
 */
const RESIDENCE_PERMIT_REGIONS: ReadonlySet<string> = new Set(['810000', '820000', '830000']);

/**
 * The address code only has to start with a known province prefix: it records where the number was
 * first issued and stays when that county is later merged or renamed, so the current county list
 * would reject real people. A bare province code (XX0000) is rejected, since IDs are issued by
 * county-level public security bureaus; the residence-permit codes above are the exception.
 */
function checkRegion(region: string): DocumentResult | null {
  if (RESIDENCE_PERMIT_REGIONS.has(region)) return null;
  if (!provinceOf(region)) {
    return fail('BAD_REGION', `the first 2 digits (${region.slice(0, 2)}) are not a GB/T 2260 province code`);
  }
  if (region.endsWith('0000')) {
    return fail('BAD_REGION', 'the first 6 digits name a whole province; a resident ID carries the code of a county-level division');
  }
  return null;
}

function validateResidentId(number: string, today: string): DocumentResult {
  if (number.length !== 18) {
    const hint = number.length === 15 ? ' (15-digit first-generation cards are no longer valid)' : '';
    return fail('BAD_LENGTH', `a resident ID has 18 characters, got ${number.length}${hint}`);
  }
  if (!/^\d{17}[\dX]$/.test(number)) {
    return fail('BAD_FORMAT', 'a resident ID is 17 digits followed by a digit or X');
  }
  const region = number.slice(0, 6);
  const regionError = checkRegion(region);
  if (regionError) return regionError;
  const birth = parseCompactDate(number.slice(6, 14));
  if (!birth) {
    return fail('BAD_BIRTH_DATE', 'characters 7-14 must be a real birth date in YYYYMMDD form');
  }
  const birthDate = formatIsoDate(birth);
  if (birthDate < EARLIEST_BIRTH_DATE || birthDate > today) {
    return fail('BAD_BIRTH_DATE', `the birth date in characters 7-14 must be between ${EARLIEST_BIRTH_DATE} and today`);
  }
  if (residentIdCheckCharacter(number.slice(0, 17)) !== number[17]) {
    // The expected character is deliberately not told: "fixing" it would hide the mistyped digit.
    return fail('BAD_CHECK_CHARACTER', 'the 18th character does not match the ISO 7064 MOD 11-2 check of the first 17; a character is probably mistyped');
  }
  const sex = Number(number[16]) % 2 === 1 ? 'MALE' : 'FEMALE';
  return { ok: true, value: { type: 'RESIDENT_ID', number, birthDate, sex, regionCode: region } };
}

/**
 * Passports of any country are accepted, and numbering differs by issuer, so only the shape shared
 * by all is checked: 5-17 letters and digits with at least one digit. Chinese numbers (E12345678,
 * EA1234567, G12345678, …) fall inside this rule, so they need no rule of their own.
 */
function validatePassport(number: string): DocumentResult {
  if (number.length < 5 || number.length > 17) {
    return fail('BAD_LENGTH', `a passport number has 5 to 17 characters, got ${number.length}`);
  }
  if (!/^[A-Z0-9]+$/.test(number) || !/\d/.test(number)) {
    return fail('BAD_FORMAT', 'a passport number is letters A-Z and digits, with at least one digit');
  }
  return fields('PASSPORT', number);
}

/** 港澳居民来往内地通行证: H (Hong Kong) or M (Macao), then 8 digits; older permits add a 2-digit issue count. */
function validateHkMacaoPermit(number: string): DocumentResult {
  if (number.length !== 9 && number.length !== 11) {
    return fail('BAD_LENGTH', `a Hong Kong/Macao permit number has 9 or 11 characters, got ${number.length}`);
  }
  if (!/^[HM]\d{8}(\d{2})?$/.test(number)) {
    return fail('BAD_FORMAT', 'a Hong Kong/Macao permit number is H or M followed by 8 or 10 digits');
  }
  return fields('HK_MACAO_PERMIT', number);
}

/**
 * 台湾居民来往大陆通行证: 8 digits since 2015; older booklets have 10 digits and a letter, often
 * printed in brackets, "1234567890(B)". The brackets are dropped so both spellings index alike.
 */
function validateTaiwanPermit(raw: string): DocumentResult {
  const number = raw.replace(/^(\d{10})\(([A-Z])\)$/, '$1$2');
  if (![8, 10, 11].includes(number.length)) {
    return fail('BAD_LENGTH', `a Taiwan permit number has 8 characters (10 or 11 on old booklets), got ${number.length}`);
  }
  if (!/^(\d{8}|\d{10}[A-Z]?)$/.test(number)) {
    return fail('BAD_FORMAT', 'a Taiwan permit number is 8 digits, or 10 digits optionally followed by one letter');
  }
  return fields('TAIWAN_PERMIT', number);
}

/**
 * 外国人永久居留身份证: the 2017 card has 3 letters (nationality) and 12 digits; the 2023 card has
 * 18 characters, starts with 9 and uses the resident ID check character. The other positions of the
 * 2023 number are not read: the published layout is not one we could confirm, and a wrong guess at a
 * birth date would contradict what the holder types.
 */
function validateForeignPermanentResident(number: string): DocumentResult {
  if (number.length !== 15 && number.length !== 18) {
    return fail('BAD_LENGTH', `a foreign permanent resident ID has 15 or 18 characters, got ${number.length}`);
  }
  if (number.length === 15) {
    if (!/^[A-Z]{3}\d{12}$/.test(number)) {
      return fail('BAD_FORMAT', 'a 15-character foreign permanent resident ID is 3 letters followed by 12 digits');
    }
    return fields('FOREIGN_PERMANENT_RESIDENT', number);
  }
  if (!/^9\d{16}[\dX]$/.test(number)) {
    return fail('BAD_FORMAT', 'an 18-character foreign permanent resident ID is 9, then 16 digits, then a digit or X');
  }
  if (residentIdCheckCharacter(number.slice(0, 17)) !== number[17]) {
    return fail('BAD_CHECK_CHARACTER', 'the 18th character does not match the ISO 7064 MOD 11-2 check of the first 17; a character is probably mistyped');
  }
  return fields('FOREIGN_PERMANENT_RESIDENT', number);
}

/**
 * People type numbers with phone keyboards and Chinese input methods: NFKC folds full-width
 * digits, letters and brackets (１２Ｘ, （Ｂ）) to ASCII, and all whitespace, including the
 * ideographic space, is dropped wherever it occurs.
 */
export function normalizeDocumentNumber(raw: string): string {
  return raw.normalize('NFKC').toUpperCase().replace(/\s+/g, '');
}

/**
 * Checks a document number and returns it in the one spelling used for storage and look-up. Error
 * messages never repeat the number, since they end up in logs and partner dashboards.
 */
export function validateDocument(type: DocumentType, raw: string, today: string): DocumentResult {
  requireIsoDate(today, 'today');
  if (!(DOCUMENT_TYPES as readonly string[]).includes(type)) {
    return fail('UNKNOWN_TYPE', `document type must be one of ${DOCUMENT_TYPES.join(', ')}`);
  }
  const number = normalizeDocumentNumber(raw);
  if (number === '') return fail('EMPTY', 'the document number is empty');
  switch (type) {
    case 'RESIDENT_ID':
      return validateResidentId(number, today);
    case 'PASSPORT':
      return validatePassport(number);
    case 'HK_MACAO_PERMIT':
      return validateHkMacaoPermit(number);
    case 'TAIWAN_PERMIT':
      return validateTaiwanPermit(number);
    case 'FOREIGN_PERMANENT_RESIDENT':
      return validateForeignPermanentResident(number);
  }
}
