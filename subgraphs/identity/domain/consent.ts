import { ageOn } from '../../../common/domain/documents/calendar.js';

/** Younger than this, a person without a channel of their own can be linked as a household member without consent. */
export const CHILD_UNDER = 14;
/** From this age on, likewise (SPEC §2: elderly, 65+). */
export const ELDERLY_FROM = 65;

/**
 * How a guardianship came about. The first three are provisional: nobody asked the member, so the
 * link ends when the member registers through a channel of their own, unless they accept it there.
 * CONSENT (the member accepted from their own channel), AUTHORITY (the health authority decided,
 * for someone who cannot use a phone) and GRID_VISIT (a grid worker confirmed it at the member's
 * door, the member having no channel) are confirmed and stay.
 */
export type GuardianshipBasis = 'NEW_PERSON' | 'CHILD' | 'ELDERLY' | 'CONSENT' | 'AUTHORITY' | 'GRID_VISIT';

export const CONFIRMED_BASES: readonly GuardianshipBasis[] = ['CONSENT', 'AUTHORITY', 'GRID_VISIT'];

export function isConfirmed(basis: string): boolean {
  return (CONFIRMED_BASES as readonly string[]).includes(basis);
}

export interface ConsentFacts {
  /** The person record was created by this very call: nobody else holds it yet. */
  created: boolean;
  /** The person's birth date (from their document), if known. */
  birthDate: string | null;
  /** Today in the province (UTC+8), from the injected clock. */
  today: string;
  /** The person is bound to a channel of their own: they can answer for themself. */
  ownChannel: boolean;
  /** The person accepted from their own channel, or the authority decided. */
  consented: boolean;
}

export type ConsentVerdict = { ok: true; basis: GuardianshipBasis } | { ok: false; reason: 'CONSENT_REQUIRED' };

/** Whether the age rule may apply: a child (under 14) or elderly (65+) by the document's birth date. */
export function childOrElderly(birthDate: string | null, today: string): 'CHILD' | 'ELDERLY' | null {
  if (!birthDate || birthDate > today) return null;
  const age = ageOn(birthDate, today);
  if (age < CHILD_UNDER) return 'CHILD';
  if (age >= ELDERLY_FROM) return 'ELDERLY';
  return null;
}

/**
 * Whether a caller may become a person's guardian without asking them: knowing someone's name and
 * document number is never enough. Only a child (under 14) or an elderly person (65+) by their
 * document, who has no channel of their own, may be linked at once, and then only provisionally
 * (see GuardianshipBasis); anyone else, even a person this very call creates, only with their own
 * consent or the authority's decision. A record the call creates is no consent: the caller may have
 * typed a stranger's document.
 */
export function consentVerdict(f: ConsentFacts): ConsentVerdict {
  if (f.consented) return { ok: true, basis: 'CONSENT' };
  const age = childOrElderly(f.birthDate, f.today);
  if (!age || f.ownChannel) return { ok: false, reason: 'CONSENT_REQUIRED' };
  return { ok: true, basis: f.created ? 'NEW_PERSON' : age };
}
