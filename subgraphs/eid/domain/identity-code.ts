import { z } from 'zod';
import { daysBetween, type LocalDate } from '../../../common/domain/dates.js';
import { ageOn } from '../../../common/domain/documents/index.js';

/**
 * What an identity code (电子身份码) asserts: enough for a hotel desk or a government hall to check
 * who stands before it against the person's face, and nothing more. Never the document number,
 * never the birth date itself, never the health colour.
 */
export const AGE_BANDS = ['UNDER_14', 'AGE_14_17', 'AGE_18_59', 'AGE_60_PLUS'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/**
 * The bands a counter acts on: 14 (a resident ID of one's own, checking in alone at a hotel with a
 * guardian's consent), 18 (full capacity), 60 (concessions). A birth date in the future or unknown
 * has no band.
 */
export function ageBand(birthDate: LocalDate | null, today: LocalDate): AgeBand | null {
  if (!birthDate || daysBetween(birthDate, today) < 0) return null;
  const age = ageOn(birthDate, today);
  if (age < 14) return 'UNDER_14';
  if (age < 18) return 'AGE_14_17';
  if (age < 60) return 'AGE_18_59';
  return 'AGE_60_PLUS';
}

/** The token's claims beside iss/iat/exp: short names, the token rides in a QR code. */
export const identityClaims = z.object({
  /** The masked name (`张*`). */
  nm: z.string().min(1),
  /** The document type (GB/T 38962), e.g. `RESIDENT_ID`. */
  doc: z.string().min(1),
  /** The age band, or null when the birth date is unknown. */
  age: z.enum(AGE_BANDS).nullable(),
  /** The person, sealed with a key only the graph holds: counters cannot read or link it, our audit can. */
  ref: z.string().min(1),
});
export type IdentityClaims = z.infer<typeof identityClaims>;

/** The JWS `typ` of an identity code: a health code token (`hc+jwt`) is never taken for one. */
export const IDENTITY_CODE_TYP = 'hcg-eid+jwt';
/** The audience a verifier checks, so no other token signed with our keys passes. */
export const IDENTITY_CODE_AUDIENCE = 'identity-code';
/** Associated data sealing the person reference: a sealed value from elsewhere does not open here. */
export const REF_AAD = 'eid:ref';

/** The issuer: the province's code, like the health code's (`450000/eid`). */
export const issuerOf = (provinceCode: string) => `${provinceCode}/eid`;
