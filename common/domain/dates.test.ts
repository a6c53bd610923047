import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, daysBetween, fromDayNumber, localDate } from './dates.js';
import { RULE_SET_V1, ruleSetOn, type RuleSet } from '../../subgraphs/health-status/domain/rule-sets.js';
import { evaluate } from '../../subgraphs/health-status/domain/rules.js';

describe(localDate.name, () => {
  it('reads instants in UTC+8: 15:59:59Z is still the same local day, 16:00:00Z the next', () => {
    expect(localDate('2026-03-01T15:59:59Z')).toBe('2026-03-01');
    expect(localDate('2026-03-01T16:00:00Z')).toBe('2026-03-02');
    expect(localDate(new Date('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01');
    expect(localDate(new Date('2026-03-01T16:00:00.000Z'))).toBe('2026-03-02');
    expect(localDate('2026-03-02T00:00:00+08:00')).toBe('2026-03-02');
  });

  it('reads a string without a zone as province time, whatever zone the server runs in', () => {
    expect(localDate('2026-03-01T23:30:00')).toBe('2026-03-01');
    expect(localDate('2026-03-01T00:00')).toBe('2026-03-01');
    expect(localDate('2026-03-01')).toBe('2026-03-01');
  });

  it('refuses what is not an instant', () => {
    expect(() => localDate('yesterday')).toThrow(RangeError);
  });

  it('gives the local date of `now` to evaluate', () => {
    const at = (now: string) => evaluate({ ruleSets: [RULE_SET_V1], designations: [], facts: [], now }).localDate;
    expect(at('2026-03-01T15:59:59Z')).toBe('2026-03-01');
    expect(at('2026-03-01T16:00:00Z')).toBe('2026-03-02');
  });
});

describe(addDays.name, () => {
  it.each([
    ['2026-03-01', 14, '2026-03-15'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2020-03-06', 0, '2020-03-06'],
  ])('%s + %i = %s', (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected);
    expect(daysBetween(d, expected)).toBe(n);
  });

  it('agrees with Date over centuries, leap years included', () => {
    for (let n = -40000; n < 60000; n += 61) {
      const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
      expect(fromDayNumber(n)).toBe(iso);
      expect(dayNumber(iso)).toBe(n);
    }
  });

  it.each(['2026-02-29', '2026-13-01', '2026-00-10', '2026-3-1', ''])('refuses %j as a local date', (bad) => {
    expect(() => dayNumber(bad)).toThrow(RangeError);
  });
});

describe(ruleSetOn.name, () => {
  const v2: RuleSet = { ...RULE_SET_V1, id: 'gx-2026.2', effectiveFrom: '2026-04-01', clearanceDays: 7 };

  it('picks the latest rule set in force on the day, in any order of the list', () => {
    for (const list of [[RULE_SET_V1, v2], [v2, RULE_SET_V1]]) {
      expect(ruleSetOn(list, '2026-03-31').id).toBe('gx-2020.1');
      expect(ruleSetOn(list, '2026-04-01').id).toBe('gx-2026.2');
    }
  });

  it('breaks a tie of effective dates by id, not by list order', () => {
    const twin: RuleSet = { ...v2, id: 'gx-2026.2b' };
    expect(ruleSetOn([twin, v2], '2026-05-01').id).toBe('gx-2026.2b');
    expect(ruleSetOn([v2, twin], '2026-05-01').id).toBe('gx-2026.2b');
  });

  it('falls back to the earliest rule set before any took effect, and says so in ruleVersion', () => {
    expect(ruleSetOn([v2, RULE_SET_V1], '2019-12-31').id).toBe('gx-2020.1');
    expect(evaluate({ ruleSets: [v2, RULE_SET_V1], designations: [], facts: [], now: '2019-12-31T12:00:00+08:00' }).ruleVersion).toBe('gx-2020.1');
    expect(() => ruleSetOn([], '2026-01-01')).toThrow();
  });
});
