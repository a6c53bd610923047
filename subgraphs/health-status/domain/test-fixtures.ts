/** Builders for the rules' tests: compact day patterns in, one colour letter per day out. */
import { addDays } from '../../../common/domain/dates.js';
import { RULE_SET_V1, type RuleSet } from './rule-sets.js';
import { evaluate, type DayFact, type DeclaredVersion, type Designation, type Evaluation, type Override } from './rules.js';

export const DAY0 = '2026-03-01';
export const day = (i: number) => addDays(DAY0, i);
/** Noon on day i, local time (UTC+8). */
export const noon = (i: number) => `${day(i)}T12:00:00+08:00`;
/** 10:00 local on day i: before the noon evaluations of the same day. */
export const morning = (i: number) => `${day(i)}T10:00:00+08:00`;
export const N14 = 'N'.repeat(14);

const NORMAL: Omit<DayFact, 'date'> = { declared: true, maxTemperature: 36.5, symptoms: false, exposures: [] };
/** The resident: 38.6 °C with 发热 and 咳嗽, then amended the same day to 36.6 °C and no symptom. */
const MISTYPED: DeclaredVersion = { version: 1, temperature: 38.6, symptoms: true, exposures: [] };
const AMENDED: DeclaredVersion = { version: 2, temperature: 36.6, symptoms: false, exposures: [] };
/** A day's facts as health-status stores them: the flat fields are the latest version's. */
const versions = (...vs: DeclaredVersion[]): Omit<DayFact, 'date'> => {
  const latest = vs.at(-1)!;
  return { declared: true, maxTemperature: latest.temperature, symptoms: latest.symptoms, exposures: latest.exposures, versions: vs };
};
const LETTERS: Record<string, Omit<DayFact, 'date'> | null> = {
  N: NORMAL,
  x: null,
  F: { ...NORMAL, maxTemperature: 38.0 },
  S: { ...NORMAL, symptoms: true },
  C: { ...NORMAL, exposures: ['CONTACT_WITH_CONFIRMED'] },
  K: { ...NORMAL, exposures: ['KEY_AREA_STAY'] },
  O: { ...NORMAL, exposures: ['ARRIVED_FROM_OTHER_PROVINCE'] },
  V: { ...NORMAL, exposures: ['FEVER_CLINIC_VISIT'] },
  T: { ...NORMAL, checkpointFever: true },
  t: { declared: false, maxTemperature: 38.1, symptoms: false, exposures: [], checkpointFever: true },
  a: versions(MISTYPED, AMENDED),
  A: { ...versions(MISTYPED, AMENDED), correctedFrom: 2 },
  k: versions({ ...AMENDED, version: 1 }, { ...AMENDED, exposures: ['KEY_AREA_STAY'] }),
  c: versions({ ...AMENDED, version: 1, exposures: ['CONTACT_WITH_CONFIRMED'] }, AMENDED),
};

/**
 * Day facts from a pattern, one letter per day starting at day 1 (day 0 is when designations
 * start): N normal · x no declaration · F fever 38.0 · S a symptom · C contact with a confirmed
 * case · K key-area stay · O arrived from another province · V fever-clinic visit · T declared
 * normal but a checkpoint measured a fever · t a checkpoint fever on a day with no declaration ·
 * a 38.6 °C with symptoms amended the same day to 36.6 °C and none · A the same with the amendment's
 * correction upheld · k normal amended to a key-area stay · c a contact with a confirmed case amended away.
 */
export function facts(pattern: string): DayFact[] {
  return [...pattern].flatMap((c, i): DayFact[] => {
    const fact = LETTERS[c];
    if (fact === undefined) throw new Error(`unknown day letter ${c}`);
    return fact ? [{ date: day(i + 1), ...fact }] : [];
  });
}

export const designation = (kind: Designation['kind'], sinceDay = 0, extra: Partial<Designation> = {}): Designation => ({
  id: `${kind}-${sinceDay}`,
  kind,
  since: `${day(sinceDay)}T09:00:00+08:00`,
  source: 'AUTHORITY',
  ...extra,
});

export interface Scenario {
  pattern: string;
  designations?: Designation[];
  ruleSets?: RuleSet[];
  overrides?: Override[];
  /** Last day to evaluate; the pattern's length by default. */
  days?: number;
}

/** The evaluation at noon on day i, with only the facts known by then. */
export function evaluateOn(s: Scenario, i: number): Evaluation {
  return evaluate({
    ruleSets: s.ruleSets ?? [RULE_SET_V1],
    designations: s.designations ?? [],
    facts: facts(s.pattern).filter((f) => f.date <= day(i)),
    overrides: s.overrides,
    now: noon(i),
  });
}

/** The colour on each day 0..n as one letter per day (R/Y/G). */
export function colours(s: Scenario): string {
  let out = '';
  for (let i = 0; i <= (s.days ?? s.pattern.length); i++) out += evaluateOn(s, i).color[0];
  return out;
}

/** The reason codes on day i, in the evaluation's order. */
export const codesOn = (s: Scenario, i: number) => evaluateOn(s, i).reasons.map((r) => r.code);
