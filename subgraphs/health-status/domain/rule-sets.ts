import type { LocalDate } from './dates.js';

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
};

/** Every rule set ever in force, oldest first. */
export const RULE_SETS: readonly RuleSet[] = [RULE_SET_V1];

/** The rule set in force on a day: the latest that took effect on or before it. */
export function ruleSetOn(ruleSets: readonly RuleSet[], day: LocalDate): RuleSet {
  const sorted = [...ruleSets].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  if (!sorted.length) throw new Error('no rule set');
  return sorted.filter((r) => r.effectiveFrom <= day).at(-1) ?? sorted[0]!;
}
