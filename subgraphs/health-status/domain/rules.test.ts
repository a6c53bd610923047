import { describe, expect, it } from 'vitest';
import { RULE_SET_V1, RULE_SET_V2, RULE_SETS, type RuleSet } from './rule-sets.js';
import { evaluate, type DayFact } from './rules.js';
import { codesOn, colours, day, designation, evaluateOn, morning, N14, noon, type Scenario } from './test-fixtures.js';

const R = (n: number) => 'R'.repeat(n);
const Y = (n: number) => 'Y'.repeat(n);
const G = (n: number) => 'G'.repeat(n);

// Each row: the day facts from day 1 on (see `facts`), and the colour expected at noon on each day 0..n.
describe(evaluate.name, () => {
  it.each<Scenario & { name: string; expected: string }>([
    { name: 'close contact (day 0) + 14 normal days: GREEN on day 15, not day 14', pattern: `${N14}NNNNNN`, designations: [designation('CLOSE_CONTACT')], expected: R(15) + G(6) },
    { name: 'a missed day 10 restarts the count: GREEN 14 normal days after it', pattern: `NNNNNNNNNx${N14}N`, designations: [designation('CLOSE_CONTACT')], expected: R(25) + G(1) },
    { name: 'a missed day before the designation does not count against it', pattern: `NNxNN${N14}NN`, designations: [designation('CLOSE_CONTACT', 5)], expected: G(5) + R(15) + G(2) },
    { name: 'a fever on day 3: YELLOW from day 3 until 14 normal days after it', pattern: `NNF${N14}NNNN`, expected: G(3) + Y(15) + G(4) },
    { name: 'a fever during a close contact restarts its count', pattern: `NNF${N14}NN`, designations: [designation('CLOSE_CONTACT')], expected: R(18) + G(2) },
    { name: 'a symptom counts like a fever, and so does a checkpoint fever', pattern: `NS${N14}T${N14}N`, expected: G(2) + Y(30) + G(1) },
    { name: 'a checkpoint fever on an undeclared day implies a fever too', pattern: `Nt${N14}N`, expected: G(2) + Y(15) + G(1) },
    { name: 'a checkpoint fever on an undeclared day restarts a close contact count', pattern: `NNNNt${N14}N`, designations: [designation('CLOSE_CONTACT')], expected: R(20) + G(1) },
    { name: 'CONFIRMED with 14 normal days and no lift stays RED', pattern: N14 + N14, designations: [designation('CONFIRMED')], expected: R(29) },
    {
      name: 'CONFIRMED lifted on day 20, after its 14 normal days: GREEN from the lift',
      pattern: `${N14}NNNNNNNNNN`,
      designations: [designation('CONFIRMED', 0, { liftedAt: morning(20) })],
      expected: R(20) + G(5),
    },
    {
      name: 'CONFIRMED lifted early (day 5) still waits for its 14 normal days',
      pattern: `${N14}NNN`,
      designations: [designation('CONFIRMED', 0, { liftedAt: morning(5) })],
      expected: R(15) + G(3),
    },
    {
      name: 'SUSPECTED lifted early still restarts its count on a missed day',
      pattern: `NNNNNNNx${N14}N`,
      designations: [designation('SUSPECTED', 0, { liftedAt: morning(3) })],
      expected: R(23) + G(1),
    },
    { name: 'a lift ends a close contact at once', pattern: 'N'.repeat(21), designations: [designation('CLOSE_CONTACT', 0, { liftedAt: morning(4) })], expected: R(4) + G(18) },
    {
      name: 'overlapping red and yellow designations: the later one decides when green comes',
      pattern: N14 + N14,
      designations: [designation('CLOSE_CONTACT', 0), designation('KEY_AREA', 6)],
      expected: R(15) + Y(6) + G(8),
    },
    {
      name: 'two overlapping close contacts: the later one decides when green comes',
      pattern: N14 + N14,
      designations: [designation('CLOSE_CONTACT', 6), designation('CLOSE_CONTACT', 0)],
      expected: R(21) + G(8),
    },
    {
      name: 'red beats yellow while both are active',
      pattern: 'N'.repeat(22),
      designations: [designation('KEY_AREA', 0), designation('CLOSE_CONTACT', 5)],
      expected: Y(5) + R(15) + G(3),
    },
    { name: 'a declared contact with a confirmed case is red', pattern: `C${N14}NNNNN`, expected: G(1) + R(15) + G(5) },
    { name: 'declared exposures imply their designation from that day', pattern: `NNC${N14}K${N14}N`, expected: G(3) + R(15) + Y(15) + G(1) },
    { name: 'an arrival from another province is yellow for 14 normal days', pattern: `O${N14}NNNNN`, expected: G(1) + Y(15) + G(5) },
    { name: 'a voided designation is inactive from its voiding', pattern: 'N'.repeat(20), designations: [designation('CLOSE_CONTACT', 0, { voidedAt: morning(3) })], expected: R(3) + G(18) },
    {
      name: 'a voided CONFIRMED needs no lift and no clearance',
      pattern: 'N'.repeat(20),
      designations: [designation('CONFIRMED', 0, { voidedAt: morning(3) })],
      expected: R(3) + G(18),
    },
    { name: 'a designation is not active before it starts', pattern: 'N'.repeat(20), designations: [designation('KEY_AREA', 3)], expected: G(3) + Y(15) + G(3) },
  ])('$name', ({ name: _name, expected, ...scenario }) => {
    expect(colours(scenario)).toBe(expected);
  });

  it.each([
    ['O', 'Y_OUT_OF_PROVINCE'],
    ['K', 'Y_KEY_AREA'],
    ['V', 'Y_FEVER_CLINIC'],
    ['C', 'R_CLOSE_CONTACT'],
    ['F', 'Y_FEVER'],
    ['S', 'Y_SYMPTOMS'],
    ['T', 'Y_FEVER'],
  ])('day letter %s implies %s from that day until 14 normal days clear it', (letter, code) => {
    const s = { pattern: `N${letter}${N14}N` };
    expect(codesOn(s, 1)).toEqual([]);
    expect(codesOn(s, 2)).toEqual([code]);
    expect(codesOn(s, 16)).toEqual([code]);
    expect(codesOn(s, 17)).toEqual([]);
  });

  it('applies a rule-set change with a later effective date only from that date', () => {
    const v2: RuleSet = { ...RULE_SET_V1, id: 'gx-2026.2', effectiveFrom: day(10), clearanceDays: 7 };
    // v2 alone would clear on day 8; v1 holds until day 10, when v2's 7 days are long complete.
    expect(colours({ pattern: `${N14}NNNNN`, designations: [designation('CLOSE_CONTACT')], ruleSets: [v2, RULE_SET_V1] })).toBe(R(10) + G(10));
    const before = evaluate({ ruleSets: [v2, RULE_SET_V1], designations: [designation('CLOSE_CONTACT')], facts: [], now: noon(9) });
    const after = evaluate({ ruleSets: [v2, RULE_SET_V1], designations: [designation('CLOSE_CONTACT')], facts: [], now: noon(10) });
    expect([before.ruleVersion, before.reasons[0]?.progress?.required]).toEqual(['gx-2020.1', 14]);
    expect([after.ruleVersion, after.reasons[0]?.progress?.required]).toEqual(['gx-2026.2', 7]);
  });

  it('takes the kind → colour table from the rule set in force', () => {
    const v2: RuleSet = { ...RULE_SET_V1, id: 'gx-2026.3', effectiveFrom: day(10), kindColor: { ...RULE_SET_V1.kindColor, KEY_AREA: 'RED' } };
    const s: Scenario = { pattern: 'N'.repeat(20), designations: [designation('KEY_AREA')], ruleSets: [RULE_SET_V1, v2] };
    expect(colours(s)).toBe(Y(10) + R(5) + G(6));
    expect(codesOn(s, 9)).toEqual(['Y_KEY_AREA']);
    expect(codesOn(s, 10)).toEqual(['R_KEY_AREA']);
    expect(codesOn({ ...s, designations: [], pattern: `${'N'.repeat(9)}K` }, 10)).toEqual(['R_KEY_AREA']);
  });

  it('takes the fever threshold from the rule set', () => {
    const lenient: RuleSet = { ...RULE_SET_V1, id: 'lenient', feverThreshold: 38.5 };
    expect(colours({ pattern: 'NFN', ruleSets: [lenient] })).toBe('GGGG');
    expect(colours({ pattern: 'NFN' })).toBe('GGYY');
  });
});

// Issue 21, item 4: within a day the strictest version counts (gx-2026.1). Letters: a = 38.6 °C with
// symptoms amended to 36.6 °C and none, A = the same once the correction is upheld, k = normal
// amended to a key-area stay, c = a contact with a confirmed case amended away (test-fixtures.ts).
describe(`${evaluate.name}: same-day amendments`, () => {
  const V1 = [RULE_SET_V1];
  const V2 = [RULE_SET_V2];
  it.each<Scenario & { name: string; expected: string }>([
    { name: 'gx-2026.1: dropping a declared fever and symptoms lowers nothing: YELLOW until 14 normal days after it', pattern: `Na${N14}N`, ruleSets: V2, expected: G(2) + Y(15) + G(1) },
    { name: 'gx-2020.1 (before): the latest version alone counted and the code was green at once', pattern: `Na${N14}N`, ruleSets: V1, expected: G(18) },
    { name: 'gx-2026.1: an upheld correction makes the latest version count for that day', pattern: `NA${N14}N`, ruleSets: V2, expected: G(18) },
    { name: 'gx-2026.1: dropping a declared contact with a confirmed case lowers nothing either', pattern: `Nc${N14}N`, ruleSets: V2, expected: G(2) + R(15) + G(1) },
    { name: 'gx-2026.1: an amendment that adds an exposure takes effect at once', pattern: `Nk${N14}N`, ruleSets: V2, expected: G(2) + Y(15) + G(1) },
    { name: 'gx-2020.1: an amendment that adds an exposure took effect at once too', pattern: `Nk${N14}N`, ruleSets: V1, expected: G(2) + Y(15) + G(1) },
    {
      name: 'gx-2026.1: the amended day breaks the 14-day count of a close contact',
      pattern: `NNNNa${N14}N`,
      designations: [designation('CLOSE_CONTACT')],
      ruleSets: V2,
      expected: R(20) + G(1),
    },
    { name: 'gx-2020.1: the amended day counted as normal for the close contact', pattern: `NNNNa${N14}N`, designations: [designation('CLOSE_CONTACT')], ruleSets: V1, expected: R(15) + G(6) },
    {
      name: 'gx-2026.1: a corrected day counts as normal for the close contact',
      pattern: `NNNNA${N14}N`,
      designations: [designation('CLOSE_CONTACT')],
      ruleSets: V2,
      expected: R(15) + G(6),
    },
    { name: 'gx-2026.1 from its effective date: the same history judged again', pattern: `Na${N14}N`, ruleSets: [RULE_SET_V1, { ...RULE_SET_V2, effectiveFrom: day(5) }], expected: G(5) + Y(12) + G(1) },
  ])('$name', ({ name: _name, expected, ...scenario }) => {
    expect(colours(scenario)).toBe(expected);
  });

  it('says which causes wait for a correction, and on which day; an upheld one clears the flag', () => {
    const on = (pattern: string, i: number) => evaluateOn({ pattern, ruleSets: V2 }, i).reasons.map((r) => [r.code, r.since, r.correctionDays]);
    expect(on('Na', 2)).toEqual([
      ['Y_FEVER', day(2), [day(2)]],
      ['Y_SYMPTOMS', day(2), [day(2)]],
    ]);
    // Still there the next days, until the 14 normal days clear the cause itself.
    expect(on('NaN', 3)).toEqual([
      ['Y_FEVER', day(2), [day(2)]],
      ['Y_SYMPTOMS', day(2), [day(2)]],
    ]);
    expect(on('Nc', 2)).toEqual([['R_CLOSE_CONTACT', day(2), [day(2)]]]);
    expect(on('NA', 2)).toEqual([]);
    // An amendment that adds risk has nothing to correct.
    expect(on('Nk', 2)).toEqual([['Y_KEY_AREA', day(2), []]]);
    // A fever on an earlier day of the same cause is not the amended one.
    expect(on('FaN', 3)).toEqual([
      ['Y_FEVER', day(1), [day(2)]],
      ['Y_SYMPTOMS', day(2), [day(2)]],
    ]);
  });

  it('keeps a lowered fever without a flag when a checkpoint measured one the same day', () => {
    const declared: DayFact = {
      date: day(1),
      declared: true,
      maxTemperature: 36.6,
      symptoms: false,
      exposures: [],
      versions: [
        { version: 1, temperature: 38.6, symptoms: false, exposures: [] },
        { version: 2, temperature: 36.6, symptoms: false, exposures: [] },
      ],
    };
    const checkpoint: DayFact = { date: day(1), declared: false, maxTemperature: 38.2, symptoms: false, exposures: [], checkpointFever: true };
    for (const facts of [[declared, checkpoint], [checkpoint, declared], [{ ...declared, checkpointFever: true, maxTemperature: 38.2 }]]) {
      const ev = evaluate({ ruleSets: V2, designations: [], facts, now: noon(1) });
      expect(ev.reasons.map((r) => [r.code, r.correctionDays])).toEqual([['Y_FEVER', []]]);
    }
  });

  it('lets a correction accept the versions up to it, and holds a later lowering amendment again', () => {
    const v = (version: number, temperature: number, exposures: DayFact['exposures'] = []) => ({ version, temperature, symptoms: false, exposures });
    const fact = (versions: ReturnType<typeof v>[], correctedFrom: number | null): DayFact => ({ date: day(1), declared: true, maxTemperature: 0, symptoms: false, exposures: [], versions, correctedFrom });
    const at1 = (f: DayFact) => evaluate({ ruleSets: V2, designations: [], facts: [f], now: noon(1) }).reasons.map((r) => [r.code, r.correctionDays]);
    // 38.6, then 36.6 (corrected: version 2 counts), then a fever-clinic visit, then none again.
    expect(at1(fact([v(1, 38.6), v(2, 36.6)], 2))).toEqual([]);
    expect(at1(fact([v(1, 38.6), v(2, 36.6), v(3, 36.6, ['FEVER_CLINIC_VISIT'])], 2))).toEqual([['Y_FEVER_CLINIC', []]]);
    expect(at1(fact([v(1, 38.6), v(2, 36.6), v(3, 36.6, ['FEVER_CLINIC_VISIT']), v(4, 36.6)], 2))).toEqual([['Y_FEVER_CLINIC', [day(1)]]]);
    // Versions in any order, delivered twice: the same day.
    expect(at1(fact([v(2, 36.6), v(1, 38.6), v(2, 36.6)], null))).toEqual([['Y_FEVER', [day(1)]]]);
  });

  it('names the rule set that judged it: gx-2020.1 before 2026-12-08, gx-2026.1 from then', () => {
    const at = (now: string) => evaluate({ ruleSets: RULE_SETS, designations: [], facts: [], now }).ruleVersion;
    expect(at('2026-12-07T23:59:59+08:00')).toBe('gx-2020.1');
    expect(at('2026-12-08T00:00:00+08:00')).toBe('gx-2026.1');
  });
});

