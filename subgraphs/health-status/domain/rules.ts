import { addDays, localDate, type LocalDate } from './dates.js';
import { ruleSetOn, type RiskKind, type RuleSet } from './rule-sets.js';

export { addDays, localDate, type LocalDate } from './dates.js';
export { RULE_SET_V1, RULE_SETS, ruleSetOn, type RiskKind, type RuleSet } from './rule-sets.js';

export type Color = 'GREEN' | 'YELLOW' | 'RED';
export type ExposureKind = 'CONTACT_WITH_CONFIRMED' | 'KEY_AREA_STAY' | 'ARRIVED_FROM_OTHER_PROVINCE' | 'FEVER_CLINIC_VISIT';

export interface Designation {
  id: string;
  kind: RiskKind;
  /** Instant the risk started (ISO). */
  since: string;
  /** `AUTHORITY`, `PARTNER:440000`, ... */
  source: string;
  liftedAt?: string | null;
  voidedAt?: string | null;
}

/** What one local day says about a person. Days with no row are days with no declaration. */
export interface DayFact {
  date: LocalDate;
  declared: boolean;
  maxTemperature: number | null;
  symptoms: boolean;
  exposures: ExposureKind[];
  checkpointFever?: boolean;
}

/** An upheld appeal against an implied cause: its occurrences up to `through` no longer count. */
export interface Override {
  reasonCode: string;
  through: LocalDate;
}

export interface Reason {
  code: string;
  color: 'RED' | 'YELLOW';
  kind: RiskKind | 'FEVER' | 'SYMPTOMS';
  since: LocalDate;
  source: string;
  designationId: string | null;
  progress: { normalDays: number; required: number } | null;
  awaitingLift: boolean;
  greenOn: LocalDate | null;
}

export interface Evaluation {
  color: Color;
  reasons: Reason[];
  normalDays: number;
  greenOn: LocalDate | null;
  ruleVersion: string;
  localDate: LocalDate;
}

const IMPLIED_BY_EXPOSURE: Record<ExposureKind, RiskKind> = {
  CONTACT_WITH_CONFIRMED: 'CLOSE_CONTACT',
  KEY_AREA_STAY: 'KEY_AREA',
  ARRIVED_FROM_OTHER_PROVINCE: 'OUT_OF_PROVINCE',
  FEVER_CLINIC_VISIT: 'FEVER_CLINIC',
};

/** SPEC §2: declared, below the fever threshold, no symptom, no exposure (and no fever at a checkpoint). */
export function isNormalDay(fact: DayFact | undefined, rs: RuleSet): boolean {
  return (
    !!fact &&
    fact.declared &&
    fact.maxTemperature !== null &&
    fact.maxTemperature < rs.feverThreshold &&
    !fact.symptoms &&
    fact.exposures.length === 0 &&
    !fact.checkpointFever
  );
}

/** Per-evaluation view of the days: normal or not, and the 14-day arithmetic on top. */
class Days {
  constructor(
    private readonly byDate: Map<LocalDate, DayFact>,
    private readonly rs: RuleSet,
    readonly today: LocalDate,
  ) {}

  normal(d: LocalDate): boolean {
    return isNormalDay(this.byDate.get(d), this.rs);
  }

  /** Consecutive normal days ending on `end`, counting only days after `after`. */
  runEndingOn(end: LocalDate, after: LocalDate | null): number {
    let n = 0;
    for (let d = end; (after === null || d > after) && this.normal(d); d = addDays(d, -1)) n++;
    return n;
  }

  /**
   * The day a cause that started on `start` stops being active: the day after the N-th consecutive
   * normal day counted from the day after `start`. Only days before today can complete the run, so
   * a run completed by today's declaration clears tomorrow. Null while not cleared.
   */
  clearedOn(start: LocalDate): LocalDate | null {
    const n = this.rs.clearanceDays;
    let run = 0;
    for (let d = addDays(start, 1); d < this.today; d = addDays(d, 1)) {
      run = this.normal(d) ? run + 1 : 0;
      if (run >= n) return addDays(d, 1);
    }
    return null;
  }

  /** Today is declared and not normal: every run restarts from tomorrow. */
  private abnormalToday(): boolean {
    return !!this.byDate.get(this.today)?.declared && !this.normal(this.today);
  }

  /** The current run of normal days (today counts once declared normal), only days after `after`. */
  currentRun(after: LocalDate | null): number {
    if (this.abnormalToday()) return 0;
    return this.runEndingOn(this.normal(this.today) ? this.today : addDays(this.today, -1), after);
  }

  /** Normal days toward clearing a cause that started on `start`, as shown to the resident. */
  progress(start: LocalDate): number {
    return Math.min(this.rs.clearanceDays, this.currentRun(start));
  }

  /** The earliest clearing day if today (unless already declared abnormal) and every later day is normal. */
  earliestGreen(start: LocalDate): LocalDate {
    const n = this.rs.clearanceDays;
    if (this.today <= start) return addDays(start, n + 1);
    if (this.abnormalToday()) return addDays(this.today, n + 1);
    const run = this.runEndingOn(addDays(this.today, -1), start);
    return run >= n ? this.today : addDays(this.today, n - run);
  }
}

interface Cause {
  kind: RiskKind | 'FEVER' | 'SYMPTOMS';
  color: 'RED' | 'YELLOW';
  since: LocalDate;
  /** The start the 14 days count from: the latest occurrence for merged implied causes. */
  countFrom: LocalDate;
  source: string;
  designationId: string | null;
  awaitingLift: boolean;
}

function explicitCauses(designations: readonly Designation[], rs: RuleSet, days: Days, now: number): Cause[] {
  const causes: Cause[] = [];
  for (const d of designations) {
    if (Date.parse(d.since) > now) continue;
    if (d.voidedAt && Date.parse(d.voidedAt) <= now) continue;
    const lifted = !!d.liftedAt && Date.parse(d.liftedAt) <= now;
    const needsLift = rs.requiresLift.includes(d.kind);
    if (lifted && !needsLift) continue;
    const start = localDate(d.since);
    if (days.clearedOn(start) && (!needsLift || lifted)) continue;
    causes.push({ kind: d.kind, color: rs.kindColor[d.kind], since: start, countFrom: start, source: d.source, designationId: d.id, awaitingLift: needsLift && !lifted });
  }
  return causes;
}

/** Causes implied by the person's own days: exposures, fever, symptoms. Same-kind occurrences merge. */
function impliedCauses(facts: readonly DayFact[], overrides: readonly Override[], rs: RuleSet, days: Days): Cause[] {
  const occurrences = new Map<Cause['kind'], LocalDate[]>();
  const add = (kind: Cause['kind'], date: LocalDate) => occurrences.set(kind, [...(occurrences.get(kind) ?? []), date]);
  for (const f of facts) {
    if (f.date > days.today) continue;
    for (const e of new Set(f.exposures)) add(IMPLIED_BY_EXPOSURE[e], f.date);
    if ((f.maxTemperature !== null && f.maxTemperature >= rs.feverThreshold) || f.checkpointFever) add('FEVER', f.date);
    if (f.symptoms) add('SYMPTOMS', f.date);
  }
  const causes: Cause[] = [];
  for (const [kind, all] of occurrences) {
    const color = kind === 'FEVER' || kind === 'SYMPTOMS' ? 'YELLOW' : rs.kindColor[kind];
    const code = reasonCode(kind, color);
    const dates = [...new Set(all)]
      .filter((d) => !overrides.some((o) => o.reasonCode === code && d <= o.through))
      .sort();
    if (!dates.length) continue;
    // An episode restarts when the previous occurrence had cleared before the next one happened.
    let since = dates[0]!;
    for (let i = 1; i < dates.length; i++) {
      const cleared = days.clearedOn(dates[i - 1]!);
      if (cleared && cleared <= dates[i]!) since = dates[i]!;
    }
    const last = dates.at(-1)!;
    if (days.clearedOn(last)) continue;
    causes.push({ kind, color, since, countFrom: last, source: 'DECLARATION', designationId: null, awaitingLift: false });
  }
  return causes;
}

function reasonCode(kind: Cause['kind'], color: 'RED' | 'YELLOW'): string {
  return `${color[0]}_${kind}`;
}

/**
 * SPEC §3 as a pure function: the colour of a code, with one reason per active cause, from the rule
 * set in force, the person's designations and day facts, and the time.
 */
export function evaluate(input: {
  ruleSets: readonly RuleSet[];
  designations: readonly Designation[];
  facts: readonly DayFact[];
  overrides?: readonly Override[];
  now: Date | string;
}): Evaluation {
  const now = typeof input.now === 'string' ? Date.parse(input.now) : input.now.getTime();
  const today = localDate(new Date(now));
  const rs = ruleSetOn(input.ruleSets, today);
  const byDate = new Map<LocalDate, DayFact>();
  for (const f of input.facts) byDate.set(f.date, f);
  const days = new Days(byDate, rs, today);

  const causes = [...explicitCauses(input.designations, rs, days, now), ...impliedCauses(input.facts, input.overrides ?? [], rs, days)];
  const reasons: Reason[] = causes
    .map((c) => ({
      code: reasonCode(c.kind, c.color),
      color: c.color,
      kind: c.kind,
      since: c.since,
      source: c.source,
      designationId: c.designationId,
      progress: { normalDays: days.progress(c.countFrom), required: rs.clearanceDays },
      awaitingLift: c.awaitingLift,
      greenOn: days.earliestGreen(c.countFrom),
    }))
    .sort((a, b) =>
      a.color === b.color
        ? a.since.localeCompare(b.since) || a.code.localeCompare(b.code) || (a.designationId ?? '').localeCompare(b.designationId ?? '')
        : a.color === 'RED'
          ? -1
          : 1,
    );

  const color: Color = reasons.some((r) => r.color === 'RED') ? 'RED' : reasons.length ? 'YELLOW' : 'GREEN';
  return {
    color,
    reasons,
    normalDays: days.currentRun(null),
    greenOn: reasons.length ? reasons.map((r) => r.greenOn!).sort().at(-1)! : null,
    ruleVersion: rs.id,
    localDate: today,
  };
}
