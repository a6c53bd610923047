import type { DocumentType, NormalizedDocument } from '../../../common/domain/documents/index.js';

export interface PersonFieldsInput {
  name: string;
  sex?: 'MALE' | 'FEMALE' | null;
  documentType: DocumentType;
  birthDate?: string | null;
  phone?: string | null;
  address?: string | null;
}

export interface PersonFields {
  name: string;
  sex: 'MALE' | 'FEMALE' | null;
  birthDate: string | null;
  phone: string | null;
  address: string | null;
}

export type FieldsResult =
  | { ok: true; value: PersonFields }
  | { ok: false; field: string; reason: string; message: string };

const MOBILE = /^1[3-9]\d{9}$/;
// Han characters, the middle dot of transliterated names, Latin letters, spaces, hyphens, apostrophes.
const NAME = /^[\p{Script=Han}·•A-Za-z\u00C0-\u024F' -]{1,50}$/u;

/** Names compare after Unicode normalisation, case-folding and collapsing spaces. */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export function sameName(a: string, b: string): boolean {
  return normalizeName(a) === normalizeName(b);
}

/**
 * Checks the person's own fields against each other and against what the document says: a resident
 * ID already tells birth date and sex, so a different value given beside it is an error, not a choice.
 */
export function validatePersonFields(input: PersonFieldsInput, doc: NormalizedDocument, today: string): FieldsResult {
  const name = input.name.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (!NAME.test(name)) {
    return { ok: false, field: 'name', reason: 'BAD_NAME', message: 'name must be 1-50 letters (Han or Latin), spaces, hyphens or middle dots' };
  }
  if (doc.sex && input.sex && input.sex !== doc.sex) {
    return { ok: false, field: 'sex', reason: 'SEX_MISMATCH', message: 'sex does not match the resident ID' };
  }
  if (doc.birthDate && input.birthDate && input.birthDate !== doc.birthDate) {
    return { ok: false, field: 'birthDate', reason: 'BIRTH_DATE_MISMATCH', message: 'birthDate does not match the resident ID' };
  }
  const birthDate = doc.birthDate ?? input.birthDate ?? null;
  if (!birthDate) {
    return { ok: false, field: 'birthDate', reason: 'BIRTH_DATE_REQUIRED', message: `birthDate is required for ${input.documentType}` };
  }
  if (birthDate > today || birthDate < '1900-01-01') {
    return { ok: false, field: 'birthDate', reason: 'BAD_BIRTH_DATE', message: 'birthDate must be between 1900-01-01 and today' };
  }
  const phone = input.phone?.replace(/[\s-]/g, '').replace(/^\+86/, '') || null;
  if (phone && !MOBILE.test(phone)) {
    return { ok: false, field: 'phone', reason: 'BAD_PHONE', message: 'phone must be an 11-digit mainland mobile number' };
  }
  const address = input.address?.trim() || null;
  if (address && address.length > 200) {
    return { ok: false, field: 'address', reason: 'BAD_ADDRESS', message: 'address must be at most 200 characters' };
  }
  return { ok: true, value: { name, sex: doc.sex ?? input.sex ?? null, birthDate, phone, address } };
}
