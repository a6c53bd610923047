import { describe, expect, it } from 'vitest';
import { addDays } from './dates.js';
import { RULE_SET_V1, type RuleSet } from './rule-sets.js';
import { evaluate, isNormalDay, type DayFact, type Designation, type Override } from './rules.js';

const DAY0 = '2026-03-01';
const day = (i: number) => addDays(DAY0, i);
/** Noon on day i, local time (UTC+8). */
const noon = (i: number) => `${day(i)}T12:00:00+08:00`;

/**
 * Day facts from a compact pattern, one letter per day starting at day 1:
 * N normal · x no declaration · F fever 38.0 · S a symptom · C contact with a confirmed case ·
 * K key-area stay · O arrived from another province · T fever measured at a checkpoint.
 */
function facts(pattern: string): DayFact[] {
  return [...pattern].flatMap((c, i): DayFact[] => {
    const date = day(i + 1);
    const base: DayFact = { date, declared: true, maxTemperature: 36.5, symptoms: false, exposures: [] };
    switch (c) {
      case 'N':
        return [base];
      case 'x':
        return [];
      case 'F':
        return [{ ...base, maxTemperature: 38.0 }];
      case 'S':
        return [{ ...base, symptoms: true }];
      case 'C':
        return [{ ...base, exposures: ['CONTACT_WITH_CONFIRMED'] }];
      case 'K':
        return [{ ...base, exposures: ['KEY_AREA_STAY'] }];
      case 'O':
        return [{ ...base, exposures: ['ARRIVED_FROM_OTHER_PROVINCE'] }];
      case 'T':
        return [{ ...base, checkpointFever: true }];
      default:
        throw new Error(`unknown day letter ${c}`);
    }
  });
}

const designation = (kind: Designation['kind'], sinceDay = 0, extra: Partial<Designation> = {}): Designation => ({
  id: `${kind}-${sinceDay}`,
  kind,
  since: `${day(sinceDay)}T09:00:00+08:00`,
  source: 'AUTHORITY',
  ...extra,
});

/** The colour on each day 0..n (R/Y/G), each evaluated at noon with the facts known by then. */
function colours(opts: { pattern: string; designations?: Designation[]; ruleSets?: RuleSet[]; overrides?: Override[]; days?: number }): string {
  const all = facts(opts.pattern);
  const n = opts.days ?? opts.pattern.length;
  let out = '';
  for (let i = 0; i <= n; i++) {
    const ev = evaluate({
      ruleSets: opts.ruleSets ?? [RULE_SET_V1],
      designations: opts.designations ?? [],
      facts: all.filter((f) => f.date <= day(i)),
      overrides: opts.overrides,
      now: noon(i),
    });
    out += ev.color[0];
  }
  return out;
}

const N14 = 'N'.repeat(14);

describe(evaluate.name, () => {
  it.each([
    {
      name: 'close contact with 14 normal days turns GREEN on day 15, not day 14',
      pattern: `${N14}NNNNNN`,
      designations: [designation('CLOSE_CONTACT')],
      expected: 'RRRRRRRRRRRRRRRGGGGGG',
    },
    {
      name: 'a missed day on day 10 restarts the count: GREEN 14 normal days after it',
      pattern: `NNNNNNNNNx${N14}N`,
      designations: [designation('CLOSE_CONTACT')],
      expected: `R${'R'.repeat(10)}${'R'.repeat(14)}G`,
    },
    {
      name: 'a fever on day 3 makes the code YELLOW (Y_FEVER) until 14 normal days after it',
      pattern: `NNF${N14}NNNN`,
      expected: `GGG${'Y'.repeat(15)}GGGG`,
    },
    {
      name: 'a symptom counts like a fever, a checkpoint fever too',
      pattern: `NS${N14}T${N14}N`,
      expected: `GG${'Y'.repeat(30)}G`,
    },
    {
      name: 'CONFIRMED with 14 normal days and no lift stays RED',
      pattern: `${N14}${N14}`,
      designations: [designation('CONFIRMED')],
      expected: 'R'.repeat(29),
    },
    {
      name: 'CONFIRMED lifted on day 20 after 14 normal days turns GREEN at the lift',
      pattern: `${N14}NNNNNNNNNN`,
      designations: [designation('CONFIRMED', 0, { liftedAt: `${day(20)}T10:00:00+08:00` })],
      expected: `${'R'.repeat(20)}GGGGG`,
    },
    {
      name: 'CONFIRMED lifted early (day 5) still waits for the 14 normal days',
      pattern: `${N14}NNN`,
      designations: [designation('CONFIRMED', 0, { liftedAt: `${day(5)}T10:00:00+08:00` })],
      expected: `${'R'.repeat(15)}GGG`,
    },
    {
      name: 'a lift ends a close contact at once',
      pattern: 'NNNNNNNNNNNNNNNNNNNNN',
      designations: [designation('CLOSE_CONTACT', 0, { liftedAt: `${day(4)}T10:00:00+08:00` })],
      expected: `RRRRGGGGGGGGGGGGGGGGGG`,
    },
    {
      name: 'two overlapping designations: the later one decides when green comes',
      pattern: `${N14}${N14}`,
      designations: [designation('CLOSE_CONTACT', 0), designation('KEY_AREA', 6)],
      expected: `${'R'.repeat(15)}${'Y'.repeat(6)}${'G'.repeat(8)}`,
    },
    {
      name: 'red beats yellow while both are active',
      pattern: `O${N14}NNNNNN`,
      designations: [designation('SUSPECTED', 0, { liftedAt: `${day(18)}T08:00:00+08:00` })],
      expected: `${'R'.repeat(18)}${'G'.repeat(4)}`,
    },
    {
      name: 'declared exposures imply their designation: contact → red, key area → yellow',
      pattern: `NNC${N14}K${N14}N`,
      expected: `GGG${'R'.repeat(15)}${'Y'.repeat(15)}G`,
    },
    {
      name: 'arrival from another province → Y_OUT_OF_PROVINCE for 14 normal days',
      pattern: `O${N14}NNNNN`,
      expected: `G${'Y'.repeat(15)}GGGGG`,
    },
    {
      name: 'a voided designation is inactive from its voiding',
      pattern: 'N'.repeat(20),
      designations: [designation('CLOSE_CONTACT', 0, { voidedAt: `${day(3)}T10:00:00+08:00` })],
      expected: `RRRGGGGGGGGGGGGGGGGGG`,
    },
    {
      name: 'a designation that starts later is not active before it starts',
      pattern: 'N'.repeat(20),
      designations: [designation('KEY_AREA', 3)],
      expected: `GGGY${'Y'.repeat(14)}GGG`,
    },
  ])('$name', ({ pattern, designations, expected }) => {
    expect(colours({ pattern, designations })).toBe(expected);
  });

  it('applies a rule-set change with a later effective date only from that date', () => {
    const v2: RuleSet = { ...RULE_SET_V1, id: 'gx-2026.2', effectiveFrom: day(10), clearanceDays: 7 };
    // Under v1 green would come on day 15; from day 10 v2 needs only 7 normal days: green on day 10.
    expect(colours({ pattern: N14 + 'NNNNN', designations: [designation('CLOSE_CONTACT')], ruleSets: [RULE_SET_V1, v2] })).toBe(
      `${'R'.repeat(10)}${'G'.repeat(10)}`,
    );
    const before = evaluate({ ruleSets: [RULE_SET_V1, v2], designations: [designation('CLOSE_CONTACT')], facts: facts('NNNNNNNN'), now: noon(8) });
    expect(before).toMatchObject({ color: 'RED', ruleVersion: 'gx-2020.1', reasons: [{ progress: { normalDays: 8, required: 14 } }] });
  });

  it('drops an implied cause an upheld appeal overrode', () => {
    const overrides = [{ reasonCode: 'Y_KEY_AREA', through: day(2) }];
    expect(colours({ pattern: 'NKNNN', overrides })).toBe('GGGGGG');
    expect(colours({ pattern: 'NKNNK', overrides })).toBe('GGGGGY');
  });

  it('explains itself: codes, since, source, progress, greenOn', () => {
    const ev = evaluate({
      ruleSets: [RULE_SET_V1],
      designations: [designation('CLOSE_CONTACT', 0), designation('CONFIRMED', 2, { source: 'PARTNER:440000' })],
      facts: facts('NNNNF'),
      now: noon(5),
    });
    expect(ev.color).toBe('RED');
    expect(ev.ruleVersion).toBe('gx-2020.1');
    expect(ev.localDate).toBe(day(5));
    expect(ev.reasons.map((r) => [r.code, r.since, r.source, r.awaitingLift])).toEqual([
      ['R_CLOSE_CONTACT', day(0), 'AUTHORITY', false],
      ['R_CONFIRMED', day(2), 'PARTNER:440000', true],
      ['Y_FEVER', day(5), 'DECLARATION', false],
    ]);
    // Today's fever restarts everything: 14 normal days from tomorrow, green the day after.
    expect(ev.reasons.every((r) => r.progress?.normalDays === 0 && r.greenOn === day(20))).toBe(true);
    expect(ev.greenOn).toBe(day(20));
    expect(ev.normalDays).toBe(0);
  });

  it('counts progress including a normal declaration today, and names the day green can come', () => {
    const ev = evaluate({ ruleSets: [RULE_SET_V1], designations: [designation('CLOSE_CONTACT')], facts: facts('NNNNN'), now: noon(5) });
    expect(ev.reasons[0]).toMatchObject({ progress: { normalDays: 5, required: 14 }, greenOn: day(15) });
    expect(ev.normalDays).toBe(5);
    // Not yet declared today: today is assumed normal for greenOn, not counted in progress.
    const morning = evaluate({ ruleSets: [RULE_SET_V1], designations: [designation('CLOSE_CONTACT')], facts: facts('NNNN'), now: noon(5) });
    expect(morning.reasons[0]).toMatchObject({ progress: { normalDays: 4, required: 14 }, greenOn: day(15) });
  });

  it('reads the day in UTC+8: 15:59:59Z is still the same local day, 16:00:00Z the next', () => {
    const d = [designation('KEY_AREA', 0)];
    expect(evaluate({ ruleSets: [RULE_SET_V1], designations: d, facts: [], now: '2026-03-01T15:59:59Z' }).localDate).toBe('2026-03-01');
    expect(evaluate({ ruleSets: [RULE_SET_V1], designations: d, facts: [], now: '2026-03-01T16:00:00Z' }).localDate).toBe('2026-03-02');
  });
});

describe(isNormalDay.name, () => {
  const base: DayFact = { date: DAY0, declared: true, maxTemperature: 37.2, symptoms: false, exposures: [] };
  it.each([
    ['37.2 °C, nothing else', base, true],
    ['37.3 °C', { ...base, maxTemperature: 37.3 }, false],
    ['no declaration', { ...base, declared: false }, false],
    ['a symptom', { ...base, symptoms: true }, false],
    ['an exposure', { ...base, exposures: ['FEVER_CLINIC_VISIT'] }, false],
    ['a fever at a checkpoint', { ...base, checkpointFever: true }, false],
  ] as [string, DayFact, boolean][])('%s → %s', (_what, fact, expected) => {
    expect(isNormalDay(fact, RULE_SET_V1)).toBe(expected);
  });
});
