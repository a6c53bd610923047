import { dayNumber, type LocalDate } from '../../../common/domain/dates.js';
import type { RuleSet } from './rule-sets.js';

export type ExposureKind = 'CONTACT_WITH_CONFIRMED' | 'KEY_AREA_STAY' | 'ARRIVED_FROM_OTHER_PROVINCE' | 'FEVER_CLINIC_VISIT';

/** One declared version of a day: version 1 is the first declaration, each amendment the next. */
export interface DeclaredVersion {
  version: number;
  temperature: number;
  symptoms: boolean;
  exposures: ExposureKind[];
}

/** What one local day says about a person. Days with no row are days with no declaration. */
export interface DayFact {
  date: LocalDate;
  declared: boolean;
  maxTemperature: number | null;
  symptoms: boolean;
  exposures: ExposureKind[];
  checkpointFever?: boolean;
  /**
   * Every declared version of the day, in any order. When given, they decide the declared part of
   * the day by the rule set's `amendments` (see `countingFact`) and the flat fields above are not
   * read for it; a fact without them is taken as it is.
   */
  versions?: DeclaredVersion[];
  /** An upheld correction (申诉纠错, mistaken entry) accepted this version: earlier ones no longer count. */
  correctedFrom?: number | null;
}

/** A cause a day's versions can declare: a fever, a symptom or one of the exposures. */
export type DeclaredCause = 'FEVER' | 'SYMPTOMS' | ExposureKind;

/** A day as the rules count it: the counting versions taken together, with no versions left to count again. */
export interface CountedDay extends DayFact {
  /**
   * Causes the counting versions declare and the day's latest version does not: a lowering
   * amendment, which lowers nothing until a correction is upheld.
   */
  lowered: DeclaredCause[];
}

/**
 * The declared part of a day as the rule set counts it. `LATEST`: the last version alone.
 * `STRICTEST`: every version since the last upheld correction, the worse way, so an amendment adds
 * risk at once while a version that drops a fever, a symptom or an exposure lowers nothing (what it
 * drops is listed in `lowered`). A checkpoint's fever is not declared, so no amendment lowers it.
 */
export function countingFact(fact: DayFact, ruleSet: RuleSet): CountedDay {
  const { versions, correctedFrom: _correctedFrom, ...rest } = fact;
  if (!versions?.length) return { ...rest, lowered: [] };
  const latest = versions.reduce((a, b) => (b.version > a.version ? b : a));
  const from = fact.correctedFrom ?? 0;
  const counted = ruleSet.amendments === 'STRICTEST' ? versions.filter((v) => v === latest || v.version >= from) : [latest];
  // The flat temperature is the latest version's or, after a checkpoint fever, the higher reading.
  const measured = fact.checkpointFever && fact.maxTemperature !== null ? [fact.maxTemperature] : [];
  const declaredFever = counted.some((v) => v.temperature >= ruleSet.feverThreshold);
  const exposures = [...new Set(counted.flatMap((v) => v.exposures))].sort();
  const symptoms = counted.some((v) => v.symptoms);
  const lowered: DeclaredCause[] = [];
  if (declaredFever && !fact.checkpointFever && latest.temperature < ruleSet.feverThreshold) lowered.push('FEVER');
  if (symptoms && !latest.symptoms) lowered.push('SYMPTOMS');
  for (const e of exposures) if (!latest.exposures.includes(e)) lowered.push(e);
  return { ...rest, declared: true, maxTemperature: Math.max(...counted.map((v) => v.temperature), ...measured), symptoms, exposures, lowered };
}

/**
 * SPEC §3: declared, below the fever threshold, no symptom, no exposure, no fever at a checkpoint.
 * A declaration without a temperature is not normal: "below the threshold" cannot be shown. An
 * amended day is judged as the rule set counts its versions (`countingFact`).
 */
export function isNormalDay(raw: DayFact | undefined, ruleSet: RuleSet): boolean {
  const fact = raw && countingFact(raw, ruleSet);
  return (
    !!fact &&
    fact.declared &&
    fact.maxTemperature !== null &&
    fact.maxTemperature < ruleSet.feverThreshold &&
    !fact.symptoms &&
    fact.exposures.length === 0 &&
    !fact.checkpointFever
  );
}

/** A checkpoint's reading counts as much as a declared one: either makes the day a fever day. */
export function isFeverDay(fact: DayFact, ruleSet: RuleSet): boolean {
  return (fact.maxTemperature !== null && fact.maxTemperature >= ruleSet.feverThreshold) || !!fact.checkpointFever;
}

/**
 * One counted fact per day, keyed by day number. Two rows for the same day (say a declaration and
 * a checkpoint reading) are combined the worse way rather than letting the later row win, so the
 * result does not depend on the order the rows came in.
 */
export function factsByDay(facts: readonly DayFact[], ruleSet: RuleSet): Map<number, CountedDay> {
  const byDay = new Map<number, CountedDay>();
  for (const raw of facts) {
    const f = countingFact(raw, ruleSet);
    const day = dayNumber(f.date);
    const seen = byDay.get(day);
    if (!seen) {
      byDay.set(day, f);
      continue;
    }
    const temps = [seen.maxTemperature, f.maxTemperature].filter((t): t is number => t !== null);
    const checkpointFever = !!seen.checkpointFever || !!f.checkpointFever;
    byDay.set(day, {
      date: f.date,
      declared: seen.declared || f.declared,
      maxTemperature: temps.length ? Math.max(...temps) : null,
      symptoms: seen.symptoms || f.symptoms,
      exposures: [...new Set([...seen.exposures, ...f.exposures])].sort(),
      checkpointFever,
      // A fever measured at a checkpoint the same day stands whatever the declaration says.
      lowered: [...new Set([...seen.lowered, ...f.lowered])].filter((c) => c !== 'FEVER' || !checkpointFever),
    });
  }
  return byDay;
}

/**
 * The person's days up to today as runs of consecutive normal days, with the clearance arithmetic
 * on top. All days are day numbers (see `dayNumber`); `start` is the day a cause began, and only
 * the days after it count toward clearing it.
 */
export class Timeline {
  /** Consecutive normal days that clear a cause, from the rule set in force. */
  readonly required: number;
  private readonly runs: { from: number; to: number }[] = [];
  /** For each normal day, the first day of the run it belongs to. */
  private readonly runFrom = new Map<number, number>();
  private readonly todayNormal: boolean;
  /** Today already shows something abnormal, so no run can include it whatever is declared later. */
  private readonly todaySpoiled: boolean;

  constructor(
    byDay: ReadonlyMap<number, DayFact>,
    ruleSet: RuleSet,
    readonly today: number,
  ) {
    this.required = ruleSet.clearanceDays;
    const normal: number[] = [];
    for (const [day, fact] of byDay) if (day <= today && isNormalDay(fact, ruleSet)) normal.push(day);
    normal.sort((a, b) => a - b);
    for (const day of normal) {
      const last = this.runs.at(-1);
      if (last && last.to === day - 1) last.to = day;
      else this.runs.push({ from: day, to: day });
      this.runFrom.set(day, this.runs.at(-1)!.from);
    }
    const fact = byDay.get(today);
    this.todayNormal = isNormalDay(fact, ruleSet);
    const signal = !!fact && (isFeverDay(fact, ruleSet) || fact.symptoms || fact.exposures.length > 0);
    this.todaySpoiled = !!fact && !this.todayNormal && (fact.declared || signal);
  }

  /**
   * Whether a cause that began on `start` has cleared: `required` consecutive normal days after
   * `start`. Only days before today complete a run, so a run that today's declaration completes
   * clears tomorrow ("14 normal days after day 0: GREEN on day 15").
   */
  isCleared(start: number): boolean {
    return this.runs.some((run) => Math.min(run.to, this.today - 1) - Math.max(run.from, start + 1) + 1 >= this.required);
  }

  /** Consecutive normal days ending on `end`, counting only days after `after`. */
  private runEndingOn(end: number, after: number): number {
    const from = this.runFrom.get(end);
    return from === undefined ? 0 : Math.max(0, end - Math.max(from, after + 1) + 1);
  }

  /** The current run of normal days (today counts once declared normal), only days after `after`. */
  currentRun(after = -Infinity): number {
    if (this.todaySpoiled) return 0;
    return this.runEndingOn(this.todayNormal ? this.today : this.today - 1, after);
  }

  progress(start: number): number {
    return Math.min(this.required, this.currentRun(start));
  }

  /**
   * The earliest day a cause that began on `start` can clear if today (unless already spoiled) and
   * every later day is normal. A run already complete gives today: only a lift is missing.
   */
  earliestClear(start: number): number {
    if (this.today <= start) return start + this.required + 1;
    if (this.todaySpoiled) return this.today + this.required + 1;
    const run = this.runEndingOn(this.today - 1, start);
    return run >= this.required ? this.today : this.today + this.required - run;
  }
}
