import { isAdult } from '../../../common/documents/calendar.js';

/** A member may have several guardians and a guardian several members, within reason. */
export const MAX_GUARDIANS = 5;
export const MAX_DEPENDENTS = 10;

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

/**
 * Whether a guardian may add a member: an adult (18+, from their birth date) living with the member,
 * never themself, within the limits on both sides.
 */
export function canAddDependent(f: HouseholdFacts): HouseholdVerdict {
  if (!f.coResident) {
    return { ok: false, code: 'BAD_USER_INPUT', reason: 'CO_RESIDENCE_REQUIRED', message: 'coResident must be true: only members who live with the guardian can be added' };
  }
  if (f.guardianId === f.dependentId) {
    return { ok: false, code: 'BAD_USER_INPUT', reason: 'SELF_DEPENDENT', message: 'a person cannot be their own household member' };
  }
  if (!f.guardianBirthDate || !isAdult(f.guardianBirthDate, f.today)) {
    return { ok: false, code: 'FORBIDDEN', reason: 'GUARDIAN_NOT_ADULT', message: 'only an adult (18 or older) can manage household members' };
  }
  if (f.alreadyLinked) return { ok: true, change: false };
  if (f.dependentsOfGuardian >= MAX_DEPENDENTS) {
    return { ok: false, code: 'CONFLICT', reason: 'TOO_MANY_DEPENDENTS', message: `a guardian can manage at most ${MAX_DEPENDENTS} household members` };
  }
  if (f.guardiansOfDependent >= MAX_GUARDIANS) {
    return { ok: false, code: 'CONFLICT', reason: 'TOO_MANY_GUARDIANS', message: `a household member can have at most ${MAX_GUARDIANS} guardians` };
  }
  return { ok: true, change: true };
}
