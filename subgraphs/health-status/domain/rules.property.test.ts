import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './dates.js';
import { RULE_SET_V1, type RiskKind } from './rule-sets.js';
import { evaluate, isNormalDay, type DayFact, type Designation } from './rules.js';

const DAY0 = '2026-05-01';
const RANK = { GREEN: 0, YELLOW: 1, RED: 2 } as const;
const KINDS: RiskKind[] = ['CONFIRMED', 'SUSPECTED', 'CLOSE_CONTACT', 'KEY_AREA', 'FEVER_CLINIC', 'OUT_OF_PROVINCE'];

const dayKind = fc.constantFrom('N', 'N', 'N', 'N', 'x', 'F', 'S', 'O');
const scenario = fc.record({
  pattern: fc.array(dayKind, { minLength: 1, maxLength: 40 }),
  designations: fc.array(fc.record({ kind: fc.constantFrom(...KINDS), sinceDay: fc.integer({ min: 0, max: 30 }) }), { maxLength: 4 }),
  today: fc.integer({ min: 0, max: 45 }),
});

function factsOf(pattern: string[]): DayFact[] {
  return pattern.flatMap((c, i): DayFact[] => {
    if (c === 'x') return [];
    return [{ date: addDays(DAY0, i + 1), declared: true, maxTemperature: c === 'F' ? 38.2 : 36.6, symptoms: c === 'S', exposures: c === 'O' ? ['ARRIVED_FROM_OTHER_PROVINCE'] : [] }];
  });
}

function designationsOf(list: { kind: RiskKind; sinceDay: number }[]): Designation[] {
  return list.map((d, i) => ({ id: `d${i}`, kind: d.kind, since: `${addDays(DAY0, d.sinceDay)}T09:00:00+08:00`, source: 'AUTHORITY' }));
}

const run = (pattern: string[], designations: Designation[], today: number) =>
  evaluate({ ruleSets: [RULE_SET_V1], designations, facts: factsOf(pattern).filter((f) => f.date <= addDays(DAY0, today)), now: `${addDays(DAY0, today)}T12:00:00+08:00` });

describe('evaluate: invariants', () => {
  it('is never greener than an active designation allows', () => {
    fc.assert(
      fc.property(scenario, ({ pattern, designations, today }) => {
        const ds = designationsOf(designations);
        const ev = run(pattern, ds, today);
        const facts = new Map(factsOf(pattern).map((f) => [f.date, f]));
        for (const d of designations) {
          if (d.sinceDay > today) continue;
          // Active, computed the plain way: no 14 normal days in a row strictly between start and today.
          let best = 0;
          let cur = 0;
          for (let i = d.sinceDay + 1; i < today; i++) {
            cur = isNormalDay(facts.get(addDays(DAY0, i)), RULE_SET_V1) ? cur + 1 : 0;
            best = Math.max(best, cur);
          }
          const needsLift = RULE_SET_V1.requiresLift.includes(d.kind);
          if (best < 14 || needsLift) expect(RANK[ev.color]).toBeGreaterThanOrEqual(RANK[RULE_SET_V1.kindColor[d.kind]]);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never gets worse when a missed day is declared normal', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), ({ pattern, designations, today }, pick) => {
        const missed = pattern.flatMap((c, i) => (c === 'x' && i + 1 < today ? [i] : []));
        fc.pre(missed.length > 0);
        const filled = [...pattern];
        filled[missed[pick % missed.length]!] = 'N';
        const ds = designationsOf(designations);
        expect(RANK[run(filled, ds, today).color]).toBeLessThanOrEqual(RANK[run(pattern, ds, today).color]);
      }),
      { numRuns: 400 },
    );
  });

  it('does not depend on the order of facts or designations', () => {
    fc.assert(
      fc.property(scenario, fc.integer(), ({ pattern, designations, today }, seed) => {
        const ds = designationsOf(designations);
        const facts = factsOf(pattern).filter((f) => f.date <= addDays(DAY0, today));
        const shuffle = <T>(xs: T[]) => xs.map((x, i) => [Math.sin(seed + i), x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
        const now = `${addDays(DAY0, today)}T12:00:00+08:00`;
        const a = evaluate({ ruleSets: [RULE_SET_V1], designations: ds, facts, now });
        const b = evaluate({ ruleSets: [RULE_SET_V1], designations: shuffle(ds), facts: shuffle(facts), now });
        expect(b).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });
});
