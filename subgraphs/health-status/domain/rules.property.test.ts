import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../../common/domain/dates.js';
import { RULE_SET_V1, type RiskKind, type RuleSet } from './rule-sets.js';
import { evaluate, isNormalDay, type DayFact, type Designation } from './rules.js';
import { DAY0, facts as factsOf } from './test-fixtures.js';

const RANK = { GREEN: 0, YELLOW: 1, RED: 2 } as const;
const KINDS: RiskKind[] = ['CONFIRMED', 'SUSPECTED', 'CLOSE_CONTACT', 'KEY_AREA', 'FEVER_CLINIC', 'OUT_OF_PROVINCE'];
/** Mostly normal days, so that runs of 14 actually happen. */
const LETTER = fc.constantFrom(...'NNNNNNNNNNNNxxFSOKCVt');
const IMPLIED: Record<string, 'RED' | 'YELLOW'> = { F: 'YELLOW', S: 'YELLOW', O: 'YELLOW', K: 'YELLOW', V: 'YELLOW', t: 'YELLOW', C: 'RED' };

const at = (i: number, hour: string) => `${addDays(DAY0, i)}T${hour}+08:00`;
const indexOf = (d: string) => daysBetween(DAY0, d);

interface Plan {
  kind: RiskKind;
  sinceDay: number;
  liftDay: number | null;
  voidDay: number | null;
}
const scenario = fc.record({
  pattern: fc.array(LETTER, { minLength: 1, maxLength: 45 }).map((xs) => xs.join('')),
  plans: fc.array(
    fc.record({
      kind: fc.constantFrom(...KINDS),
      sinceDay: fc.integer({ min: 0, max: 35 }),
      liftDay: fc.option(fc.integer({ min: 0, max: 45 }), { freq: 3 }),
      voidDay: fc.option(fc.integer({ min: 0, max: 45 }), { freq: 6 }),
    }),
    { maxLength: 4 },
  ),
  today: fc.integer({ min: 0, max: 48 }),
});

const designationsOf = (plans: Plan[]): Designation[] =>
  plans.map((p, i) => ({
    id: `d${i}`,
    kind: p.kind,
    since: at(p.sinceDay, '09:00:00'),
    source: 'AUTHORITY',
    liftedAt: p.liftDay === null ? null : at(p.liftDay, '10:00:00'),
    voidedAt: p.voidDay === null ? null : at(p.voidDay, '10:00:00'),
  }));

const known = (pattern: string, today: number) => factsOf(pattern).filter((f) => f.date <= addDays(DAY0, today));
const run = (pattern: string, ds: Designation[], today: number, ruleSets: RuleSet[] = [RULE_SET_V1]) =>
  evaluate({ ruleSets, designations: ds, facts: known(pattern, today), now: at(today, '12:00:00') });

/** The longest run of normal days strictly between day `from` and day `to`, the plain way. */
function longestRun(pattern: string, from: number, to: number): number {
  const byDate = new Map(factsOf(pattern).map((f) => [f.date, f]));
  let best = 0;
  for (let i = from + 1, cur = 0; i < to; i++) {
    cur = isNormalDay(byDate.get(addDays(DAY0, i)), RULE_SET_V1) ? cur + 1 : 0;
    best = Math.max(best, cur);
  }
  return best;
}

describe(evaluate.name, () => {
  it('is never greener than an active designation or declared signal allows', () => {
    fc.assert(
      fc.property(scenario, ({ pattern, plans, today }) => {
        const ev = run(pattern, designationsOf(plans), today);
        for (const p of plans) {
          if (p.sinceDay > today || (p.voidDay !== null && p.voidDay <= today)) continue;
          const lifted = p.liftDay !== null && p.liftDay <= today;
          const uncleared = longestRun(pattern, p.sinceDay, today) < 14;
          const active = RULE_SET_V1.requiresLift.includes(p.kind) ? uncleared || !lifted : uncleared && !lifted;
          if (active) expect(RANK[ev.color]).toBeGreaterThanOrEqual(RANK[RULE_SET_V1.kindColor[p.kind]]);
        }
        [...pattern].forEach((c, i) => {
          const colour = IMPLIED[c];
          if (colour && i + 1 <= today && longestRun(pattern, i + 1, today) < 14) expect(RANK[ev.color]).toBeGreaterThanOrEqual(RANK[colour]);
        });
      }),
      { numRuns: 400 },
    );
  });

  it('never gets worse when a missed day is declared normal', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), ({ pattern, plans, today }, pick) => {
        const missed = [...pattern].flatMap((c, i) => (c === 'x' && i + 1 <= today ? [i] : []));
        fc.pre(missed.length > 0);
        const i = missed[pick % missed.length]!;
        const filled = `${pattern.slice(0, i)}N${pattern.slice(i + 1)}`;
        const ds = designationsOf(plans);
        expect(RANK[run(filled, ds, today).color]).toBeLessThanOrEqual(RANK[run(pattern, ds, today).color]);
      }),
      { numRuns: 400 },
    );
  });

  it('is deterministic and ignores the order of facts, designations and rule sets', () => {
    const v2: RuleSet = { ...RULE_SET_V1, id: 'v2', effectiveFrom: addDays(DAY0, 20), clearanceDays: 10 };
    fc.assert(
      fc.property(scenario, fc.array(fc.nat(45), { maxLength: 5 }), fc.integer(), ({ pattern, plans, today }, checkpointDays, seed) => {
        // Extra rows for days that already have one: a checkpoint fever recorded beside the declaration.
        const extra = checkpointDays.map((d, i): DayFact => ({ date: addDays(DAY0, d), declared: false, maxTemperature: i % 2 ? 37.8 : null, symptoms: false, exposures: [], checkpointFever: true }));
        const facts = [...known(pattern, today), ...extra.filter((f) => f.date <= addDays(DAY0, today))];
        const ds = designationsOf(plans);
        const shuffle = <T>(xs: readonly T[]) => xs.map((x, i) => [Math.sin(seed + i * 7919), x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
        const now = at(today, '12:00:00');
        const a = evaluate({ ruleSets: [RULE_SET_V1, v2], designations: ds, facts, now });
        const again = evaluate({ ruleSets: [RULE_SET_V1, v2], designations: ds, facts, now });
        const b = evaluate({ ruleSets: shuffle([RULE_SET_V1, v2]), designations: shuffle(ds), facts: shuffle(facts), now: new Date(Date.parse(now)) });
        expect(again).toEqual(a);
        expect(b).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps its figures consistent: colour from reasons, sorted reasons, progress within the run', () => {
    fc.assert(
      fc.property(scenario, ({ pattern, plans, today }) => {
        const ev = run(pattern, designationsOf(plans), today);
        expect(RANK[ev.color]).toBe(Math.max(0, ...ev.reasons.map((r) => RANK[r.color])));
        expect(ev.greenOn === null).toBe(ev.color === 'GREEN');
        ev.reasons.forEach((r, i) => {
          const prev = ev.reasons[i - 1];
          if (prev) expect(RANK[prev.color] > RANK[r.color] || (prev.color === r.color && prev.since <= r.since)).toBe(true);
          expect(r.progress!.normalDays).toBeLessThanOrEqual(Math.min(r.progress!.required, ev.normalDays));
          expect(r.greenOn! >= ev.localDate && r.greenOn! <= ev.greenOn!).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps its greenOn promise: normal days and the needed lifts from today bring GREEN on that day, not before', () => {
    fc.assert(
      fc.property(scenario, ({ pattern, plans, today }) => {
        // Only what is known today: no designation, lift or voiding yet to come.
        const known = plans
          .filter((p) => p.sinceDay <= today)
          .map((p) => ({ ...p, liftDay: p.liftDay !== null && p.liftDay <= today ? p.liftDay : null, voidDay: p.voidDay !== null && p.voidDay <= today ? p.voidDay : null }));
        const ev = run(pattern, designationsOf(known), today);
        fc.pre(ev.greenOn !== null);
        const green = indexOf(ev.greenOn!);
        expect(green).toBeGreaterThanOrEqual(today);
        // Letters are days 1.. : keep the past and whatever today already says, then all normal.
        const past = pattern.slice(0, Math.max(0, today - 1)).padEnd(Math.max(0, today - 1), 'x');
        const todays = today === 0 ? '' : (pattern[today - 1] ?? 'x').replace('x', 'N');
        const then = `${past}${todays}${'N'.repeat(green - today)}`;
        const lifted = designationsOf(known.map((p) => (RULE_SET_V1.requiresLift.includes(p.kind) && p.liftDay === null ? { ...p, liftDay: today } : p)));
        expect(run(then, lifted, green).color).toBe('GREEN');
        if (green > today) expect(run(then, lifted, green - 1).color).not.toBe('GREEN');
      }),
      { numRuns: 400 },
    );
  });
});
