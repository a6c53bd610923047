import { isAdult } from '../../../common/domain/documents/calendar.js';

/** A member may have several guardians and a guardian several members, within reason. */
export const MAX_GUARDIANS = 5;
export const MAX_DEPENDENTS = 10;
/**
 * Document look-ups (addDependent, requestGuardianship) one resident may make a day: enough to add
 * a whole household, far too few to learn who is registered by trying documents (issue 21).
 */
export const DOCUMENT_LOOKUPS_PER_DAY = 10;
/** Days a look-up counts against the budget: the local day it was made, no longer. */
export const DOCUMENT_LOOKUP_WINDOW_DAYS = 1;

export interface HouseholdFacts {
  guardianId: string;
  guardianBirthDate: string | null;
  dependentId: string;
  today: string;
  coResident: boolean;
  /** Active members the guardian already has. */
  dependentsOfGuardian: number;
  /** Active guardians the member already has. */
  guardiansOfDependent: number;
  /** The guardian already guards this member (then nothing changes and no limit applies). */
  alreadyLinked: boolean;
}

export type HouseholdVerdict =
  | { ok: true; change: boolean }
  | { ok: false; code: 'BAD_USER_INPUT' | 'FORBIDDEN' | 'CONFLICT'; reason: string; message: string };

export type HouseholdRefusal = Extract<HouseholdVerdict, { ok: false }>;

/**
 * What the caller alone decides: an adult (18+, from their birth date) who confirms living with the
 * member. Checked before any document is looked up, so these answers say nothing about the member.
 */
export function callerMayBeGuardian(f: Pick<HouseholdFacts, 'guardianBirthDate' | 'today' | 'coResident'>): HouseholdRefusal | null {
  if (!f.coResident) {
    return { ok: false, code: 'BAD_USER_INPUT', reason: 'CO_RESIDENCE_REQUIRED', message: 'coResident must be true: only members who live with the guardian can be added' };
  }
  if (!f.guardianBirthDate || !isAdult(f.guardianBirthDate, f.today)) {
    return { ok: false, code: 'FORBIDDEN', reason: 'GUARDIAN_NOT_ADULT', message: 'only an adult (18 or older) can manage household members' };
  }
  return null;
}

/**
 * Whether a guardian may add a member: an adult (18+, from their birth date) living with the member,
 * never themself, within the limits on both sides.
 */
export function canAddDependent(f: HouseholdFacts): HouseholdVerdict {
  const caller = callerMayBeGuardian(f);
  if (caller?.reason === 'CO_RESIDENCE_REQUIRED') return caller;
  if (f.guardianId === f.dependentId) {
    return { ok: false, code: 'BAD_USER_INPUT', reason: 'SELF_DEPENDENT', message: 'a person cannot be their own household member' };
  }
  if (caller) return caller;
  if (f.alreadyLinked) return { ok: true, change: false };
  if (f.dependentsOfGuardian >= MAX_DEPENDENTS) {
    return { ok: false, code: 'CONFLICT', reason: 'TOO_MANY_DEPENDENTS', message: `a guardian can manage at most ${MAX_DEPENDENTS} household members` };
  }
  if (f.guardiansOfDependent >= MAX_GUARDIANS) {
    return { ok: false, code: 'CONFLICT', reason: 'TOO_MANY_GUARDIANS', message: `a household member can have at most ${MAX_GUARDIANS} guardians` };
  }
  return { ok: true, change: true };
}

/**
 * What a channel user's registration does to a person record that already holds their document.
 * A record nobody registered through a channel was typed in by someone else (a guardian, a
 * stranger): the holder's own real-name registration wins over its name (TAKE_OVER). A record a
 * channel user already registered is a person who answers for themself: another name is refused.
 */
export function registrationOverRecord(f: { sameName: boolean; heldByChannel: boolean }): 'SAME' | 'TAKE_OVER' | 'MISMATCH' {
  if (f.heldByChannel) return f.sameName ? 'SAME' : 'MISMATCH';
  return f.sameName ? 'SAME' : 'TAKE_OVER';
}
