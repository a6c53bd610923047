import { describe, expect, it } from 'vitest';
import { RULE_SET_V1, type RuleSet } from './rule-sets.js';
import { evaluate } from './rules.js';
import { codesOn, colours, day, designation, morning, N14, noon, type Scenario } from './test-fixtures.js';

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
