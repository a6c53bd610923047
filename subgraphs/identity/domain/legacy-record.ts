import { DOCUMENT_TYPES, validateDocument, type DocumentType, type NormalizedDocument } from '../../../common/domain/documents/index.js';
import { isGuangxiCounty } from '../../../common/domain/regions/index.js';
import { sameName, validatePersonFields, type PersonFields } from './person.js';

/** A vendor's last colour for its user; GREEN adds nothing of ours. */
export type LegacyColor = 'GREEN' | 'YELLOW' | 'RED';
const COLORS: readonly LegacyColor[] = ['GREEN', 'YELLOW', 'RED'];

/** One line of a vendor's export, as it arrives (JSON Lines or CSV columns). */
export interface LegacyRecordInput {
  vendorUserId: string;
  name: string;
  documentType?: string | null;
  documentNumber: string;
  phone?: string | null;
  region: string;
  color: string;
  colorSince?: string | null;
  birthDate?: string | null;
  sex?: string | null;
}

export interface LegacyRecord {
  vendorUserId: string;
  document: NormalizedDocument;
  fields: PersonFields;
  region: string;
  color: LegacyColor;
  /** When the vendor's colour began (ISO instant), never later than the import. */
  colorSince: string;
}

export type LegacyRecordResult = { ok: true; value: LegacyRecord } | { ok: false; reason: string; message: string };

const VENDOR_USER = /^[\w.:@-]{1,128}$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : null);

/** A vendor's date (a local date means its midnight in the province, UTC+8) as an instant. */
function sinceInstant(raw: string | null, now: Date): string | null {
  if (!raw) return now.toISOString();
  const ms = Date.parse(DATE_ONLY.test(raw) ? `${raw}T00:00:00+08:00` : raw);
  if (Number.isNaN(ms)) return null;
  // A vendor's clock may run ahead of ours: a cause never starts later than we learn of it.
  return new Date(Math.min(ms, now.getTime())).toISOString();
}

/**
 * Checks one vendor record completely, before anything is written: the same rules as a registration
 * (document, name, birth date, phone, county-level region) plus the vendor's user id and colour.
 * Loose shapes (numbers for strings, lower-case colours) are accepted; wrong values are not.
 */
export function parseLegacyRecord(raw: Record<string, unknown>, today: string, now: Date): LegacyRecordResult {
  const fail = (reason: string, message: string): LegacyRecordResult => ({ ok: false, reason, message });
  const vendorUserId = str(raw.vendorUserId);
  if (!vendorUserId || !VENDOR_USER.test(vendorUserId)) return fail('BAD_VENDOR_USER', 'vendorUserId must be 1-128 letters, digits, _ . : @ -');
  const documentType = (str(raw.documentType) ?? 'RESIDENT_ID').toUpperCase();
  if (!(DOCUMENT_TYPES as readonly string[]).includes(documentType)) return fail('UNKNOWN_TYPE', `documentType must be one of ${DOCUMENT_TYPES.join(', ')}`);
  const doc = validateDocument(documentType as DocumentType, str(raw.documentNumber) ?? '', today);
  if (!doc.ok) return fail(doc.reason, doc.message);
  const sex = str(raw.sex)?.toUpperCase();
  const fields = validatePersonFields(
    {
      name: str(raw.name) ?? '',
      documentType: documentType as DocumentType,
      birthDate: str(raw.birthDate),
      phone: str(raw.phone),
      sex: sex === 'MALE' || sex === 'FEMALE' ? sex : null,
    },
    doc.value,
    today,
  );
  if (!fields.ok) return fail(fields.reason, `${fields.field}: ${fields.message}`);
  const region = str(raw.region) ?? '';
  if (!isGuangxiCounty(region)) return fail('BAD_REGION', `region ${region || '(none)'} is not a county-level GB/T 2260 division of the province`);
  const color = (str(raw.color) ?? '').toUpperCase();
  if (!(COLORS as readonly string[]).includes(color)) return fail('BAD_COLOR', 'color must be GREEN, YELLOW or RED');
  const colorSince = sinceInstant(str(raw.colorSince), now);
  if (!colorSince) return fail('BAD_COLOR_SINCE', 'colorSince must be a date (YYYY-MM-DD) or an ISO instant');
  return { ok: true, value: { vendorUserId, document: doc.value, fields: fields.value, region, color: color as LegacyColor, colorSince } };
}

/** What is already known of a document's holder, to compare a vendor's record with. */
export interface KnownHolder {
  name: string;
  birthDate: string | null;
}

/**
 * Whether a record may be merged into the person already holding its document: the same name and
 * birth date, or it is a conflict for a person to look at (never merged silently).
 */
export function holderMismatch(known: KnownHolder, record: Pick<LegacyRecord, 'fields'>): 'NAME' | 'BIRTH_DATE' | null {
  if (!sameName(known.name, record.fields.name)) return 'NAME';
  if (known.birthDate && record.fields.birthDate && known.birthDate !== record.fields.birthDate) return 'BIRTH_DATE';
  return null;
}
