import { ageOn } from '../../../common/documents/calendar.js';

/** Younger than this, a registered person can be linked as a household member without consent. */
export const CHILD_UNDER = 14;
/** From this age on, likewise (SPEC §2: elderly, 65+). */
export const ELDERLY_FROM = 65;

export interface ConsentFacts {
  /** The person record was created by this very call: nobody else holds it yet. */
  created: boolean;
  /** The registered person's birth date (from their document), if known. */
  birthDate: string | null;
  /** Today in the province (UTC+8), from the injected clock. */
  today: string;
  /** The person accepted from their own channel, or the authority decided. */
  consented: boolean;
}

export type ConsentVerdict = { ok: true; basis: 'NEW_PERSON' | 'CHILD' | 'ELDERLY' | 'CONSENT' } | { ok: false; reason: 'CONSENT_REQUIRED' };

/**
 * Whether a caller may become a person's guardian without asking them: knowing someone's name and
 * document number is never enough. A person the call itself creates, a child (under 14) or an
 * elderly person (65+) by their document's birth date may be linked at once; anyone else only with
 * their own consent or the authority's decision.
 */
export function consentVerdict(f: ConsentFacts): ConsentVerdict {
  if (f.created) return { ok: true, basis: 'NEW_PERSON' };
  if (f.consented) return { ok: true, basis: 'CONSENT' };
  if (f.birthDate && f.birthDate <= f.today) {
    const age = ageOn(f.birthDate, f.today);
    if (age < CHILD_UNDER) return { ok: true, basis: 'CHILD' };
    if (age >= ELDERLY_FROM) return { ok: true, basis: 'ELDERLY' };
  }
  return { ok: false, reason: 'CONSENT_REQUIRED' };
}
