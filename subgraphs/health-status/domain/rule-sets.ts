import type { LocalDate } from '../../../common/domain/dates.js';

export type RiskKind = 'CONFIRMED' | 'SUSPECTED' | 'CLOSE_CONTACT' | 'KEY_AREA' | 'FEVER_CLINIC' | 'OUT_OF_PROVINCE';

/**
 * A versioned rule set: thresholds and tables are data, with the date from which they apply, so a
 * change of policy is a new entry here and every code names the version that produced it.
 */
export interface RuleSet {
  id: string;
  effectiveFrom: LocalDate;
  /** A temperature at or above this is a fever (°C). */
  feverThreshold: number;
  /** Consecutive normal days that clear a cause. */
  clearanceDays: number;
  kindColor: Record<RiskKind, 'RED' | 'YELLOW'>;
  /** Kinds that also need an authority's lift before they clear. */
  requiresLift: RiskKind[];
  /** Whether a partner province's GREEN lifts an arrival's OUT_OF_PROVINCE designation. */
  recognisePartnerGreen: boolean;
  /**
   * Which versions of an amended day count (see `countingFact`): `LATEST`, the last one alone; or
   * `STRICTEST`, every version since the day's last upheld correction taken the worse way, so an
   * amendment adds risk at once but removes none until the authority upholds a correction.
   */
  amendments: 'LATEST' | 'STRICTEST';
}

/** The rules announced at launch (2020-03-06): SPEC §3. */
export const RULE_SET_V1: RuleSet = {
  id: 'gx-2020.1',
  effectiveFrom: '2020-03-06',
  feverThreshold: 37.3,
  clearanceDays: 14,
  kindColor: {
    CONFIRMED: 'RED',
    SUSPECTED: 'RED',
    CLOSE_CONTACT: 'RED',
    KEY_AREA: 'YELLOW',
    FEVER_CLINIC: 'YELLOW',
    OUT_OF_PROVINCE: 'YELLOW',
  },
  requiresLift: ['CONFIRMED', 'SUSPECTED'],
  recognisePartnerGreen: true,
  amendments: 'LATEST',
};

/**
 * Issue 21: under gx-2020.1 a same-day amendment from 38.6 °C with 发热 and 咳嗽 to 36.6 °C with no
 * symptom turned the code green at once. Now the strictest version of a day counts until a
 * correction (申诉纠错, ground MISTAKEN_ENTRY) is upheld; everything else is unchanged.
 */
export const RULE_SET_V2: RuleSet = {
  ...RULE_SET_V1,
  id: 'gx-2026.1',
  effectiveFrom: '2026-12-08',
  amendments: 'STRICTEST',
};

/** Every rule set ever in force, oldest first. */
export const RULE_SETS: readonly RuleSet[] = [RULE_SET_V1, RULE_SET_V2];

/**
 * The rule set in force on a day: the latest that took effect on or before it. A day before every
 * rule set gets the earliest one rather than an error, so a historical re-evaluation still yields a
 * colour and its `ruleVersion` shows what it was judged by.
 */
export function ruleSetOn(ruleSets: readonly RuleSet[], day: LocalDate): RuleSet {
  // Same effective date: the id decides, so the answer does not depend on the order of the list.
  const later = (a: RuleSet, b: RuleSet) => a.effectiveFrom > b.effectiveFrom || (a.effectiveFrom === b.effectiveFrom && a.id > b.id);
  let inForce: RuleSet | undefined;
  let earliest: RuleSet | undefined;
  for (const r of ruleSets) {
    if (!earliest || later(earliest, r)) earliest = r;
    if (r.effectiveFrom <= day && (!inForce || later(r, inForce))) inForce = r;
  }
  if (!earliest) throw new Error('no rule set');
  return inForce ?? earliest;
}
