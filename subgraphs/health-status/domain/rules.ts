import { dayNumber, fromDayNumber, instantMs, localDate, type LocalDate } from '../../../common/domain/dates.js';
import { factsByDay, isFeverDay, Timeline, type CountedDay, type DayFact, type ExposureKind } from './days.js';
import { inEffect, type DesignationStatus } from './designations.js';
import { ruleSetOn, type RiskKind, type RuleSet } from './rule-sets.js';

export { addDays, localDate, type LocalDate } from '../../../common/domain/dates.js';
export { countingFact, isNormalDay, type DayFact, type DeclaredVersion, type ExposureKind } from './days.js';
export { RULE_SET_V1, RULE_SET_V2, RULE_SETS, ruleSetOn, type RiskKind, type RuleSet } from './rule-sets.js';

export type Color = 'GREEN' | 'YELLOW' | 'RED';

export interface Designation {
  id: string;
  kind: RiskKind;
  /** Instant the risk started (ISO). */
  since: string;
  /** `AUTHORITY`, `PARTNER:440000`, `DECLARATION`, ... */
  source: string;
  liftedAt?: string | null;
  voidedAt?: string | null;
  /** Issue 26: a designation waiting for a second officer, or lapsed, counts for nothing. */
  status?: DesignationStatus | null;
  /** An emergency designation's lapse, unless `approvedAt` came first. */
  lapsesAt?: string | null;
  approvedAt?: string | null;
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
  /**
   * Days behind this cause whose latest declaration no longer reports it: the strictest version
   * still counts until a correction (申诉纠错, mistaken entry) for the day is upheld. Oldest first.
   */
  correctionDays: LocalDate[];
}

export interface Evaluation {
  color: Color;
  reasons: Reason[];
  normalDays: number;
  greenOn: LocalDate | null;
  ruleVersion: string;
  localDate: LocalDate;
}

/** Source of the causes the rules derive from the person's own day facts. */
export const IMPLIED_SOURCE = 'DECLARATION';
/** Source of a fever measured at one of our checkpoints. */
export const CHECKPOINT_SOURCE = 'CHECKPOINT';

const IMPLIED_BY_EXPOSURE: Record<ExposureKind, RiskKind> = {
  CONTACT_WITH_CONFIRMED: 'CLOSE_CONTACT',
  KEY_AREA_STAY: 'KEY_AREA',
  ARRIVED_FROM_OTHER_PROVINCE: 'OUT_OF_PROVINCE',
  FEVER_CLINIC_VISIT: 'FEVER_CLINIC',
};

type CauseKind = Reason['kind'];

interface Cause {
  kind: CauseKind;
  color: 'RED' | 'YELLOW';
  since: number;
  source: string;
  designationId: string | null;
  awaitingLift: boolean;
  correctionDays: number[];
}

export function reasonCode(kind: CauseKind, color: 'RED' | 'YELLOW'): string {
  return `${color[0]}_${kind}`;
}

/**
 * SPEC §3: a lift ends a designation at once unless its kind needs one (`requiresLift`); those
 * stay until both the lift and the clearance. Voiding ends any kind.
 */
function explicitCauses(designations: readonly Designation[], rs: RuleSet, days: Timeline, now: number): Cause[] {
  const causes: Cause[] = [];
  for (const d of designations) {
    if (instantMs(d.since) > now) continue;
    if (!inEffect(d, now)) continue;
    if (d.voidedAt && instantMs(d.voidedAt) <= now) continue;
    const lifted = !!d.liftedAt && instantMs(d.liftedAt) <= now;
    const needsLift = rs.requiresLift.includes(d.kind);
    if (lifted && !needsLift) continue;
    const start = dayNumber(localDate(d.since));
    const awaitingLift = needsLift && !lifted;
    if (!awaitingLift && days.isCleared(start)) continue;
    causes.push({ kind: d.kind, color: rs.kindColor[d.kind], since: start, source: d.source, designationId: d.id, awaitingLift, correctionDays: [] });
  }
  return causes;
}

/**
 * Causes implied by the person's own days: exposures, fever, symptoms; all occurrences of one code
 * make one cause. An overridden occurrence is dropped as a cause, but its day stays abnormal: the
 * appeal corrected the reason, not what was declared that day.
 */
function impliedCauses(byDay: ReadonlyMap<number, CountedDay>, overrides: readonly Override[], rs: RuleSet, days: Timeline): Cause[] {
  const occurrences = new Map<CauseKind, number[]>();
  const lowered = new Map<CauseKind, Set<number>>();
  const checkpointFeverDays = new Set<number>();
  const add = (kind: CauseKind, day: number) => {
    const list = occurrences.get(kind);
    if (list) list.push(day);
    else occurrences.set(kind, [day]);
  };
  for (const [day, f] of byDay) {
    if (day > days.today) continue;
    for (const e of new Set(f.exposures)) add(IMPLIED_BY_EXPOSURE[e], day);
    if (isFeverDay(f, rs)) add('FEVER', day);
    if (f.checkpointFever) checkpointFeverDays.add(day);
    if (f.symptoms) add('SYMPTOMS', day);
    for (const c of f.lowered) {
      const kind = c === 'FEVER' || c === 'SYMPTOMS' ? c : IMPLIED_BY_EXPOSURE[c];
      lowered.set(kind, (lowered.get(kind) ?? new Set()).add(day));
    }
  }
  const overriddenThrough = new Map<string, number>();
  for (const o of overrides) overriddenThrough.set(o.reasonCode, Math.max(overriddenThrough.get(o.reasonCode) ?? -Infinity, dayNumber(o.through)));

  const causes: Cause[] = [];
  for (const [kind, all] of occurrences) {
    const color = kind === 'FEVER' || kind === 'SYMPTOMS' ? 'YELLOW' : rs.kindColor[kind];
    const through = overriddenThrough.get(reasonCode(kind, color)) ?? -Infinity;
    const starts = all.filter((d) => d > through).sort((a, b) => a - b);
    // Each occurrence is itself an abnormal day that restarts the count of the earlier ones, so
    // once one is active so are all later ones, and counting from the first active one (`since`)
    // gives the same figures as counting from the latest, as SPEC §3 puts it.
    const since = starts.find((d) => !days.isCleared(d));
    if (since === undefined) continue;
    // A fever first measured at a checkpoint says so: the person did not declare it.
    const source = kind === 'FEVER' && checkpointFeverDays.has(since) ? CHECKPOINT_SOURCE : IMPLIED_SOURCE;
    const correctionDays = starts.filter((d) => d >= since && lowered.get(kind)?.has(d));
    causes.push({ kind, color, since, source, designationId: null, awaitingLift: false, correctionDays });
  }
  return causes;
}

function toReason(c: Cause, days: Timeline): Reason {
  return {
    code: reasonCode(c.kind, c.color),
    color: c.color,
    kind: c.kind,
    since: fromDayNumber(c.since),
    source: c.source,
    designationId: c.designationId,
    progress: { normalDays: days.progress(c.since), required: days.required },
    awaitingLift: c.awaitingLift,
    greenOn: fromDayNumber(days.earliestClear(c.since)),
    correctionDays: c.correctionDays.map(fromDayNumber),
  };
}

/** Red first, then by since; the rest only makes the order total, so input order never shows. */
function byPrecedence(a: Reason, b: Reason): number {
  const key = (r: Reason) => [r.color === 'RED' ? 0 : 1, r.since, r.code, r.designationId ?? '', r.source, r.greenOn ?? '', r.awaitingLift ? 1 : 0, r.correctionDays.join()].join('\u0000');
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * SPEC §3 as a pure function: the colour of a code, with one reason per active cause, judged by the
 * rule set in force on the local date of `now` (over the whole history, earlier days included).
 */
export function evaluate(input: {
  ruleSets: readonly RuleSet[];
  designations: readonly Designation[];
  facts: readonly DayFact[];
  overrides?: readonly Override[];
  now: Date | string;
}): Evaluation {
  const now = instantMs(input.now);
  const today = localDate(input.now);
  const rs = ruleSetOn(input.ruleSets, today);
  const byDay = factsByDay(input.facts, rs);
  const days = new Timeline(byDay, rs, dayNumber(today));

  const causes = [...explicitCauses(input.designations, rs, days, now), ...impliedCauses(byDay, input.overrides ?? [], rs, days)];
  const reasons = causes.map((c) => toReason(c, days)).sort(byPrecedence);
  const color: Color = reasons.some((r) => r.color === 'RED') ? 'RED' : reasons.length ? 'YELLOW' : 'GREEN';
  let greenOn: LocalDate | null = null;
  for (const r of reasons) if (r.greenOn && (!greenOn || r.greenOn > greenOn)) greenOn = r.greenOn;
  return { color, reasons, normalDays: days.currentRun(), greenOn, ruleVersion: rs.id, localDate: today };
}
