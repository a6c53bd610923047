import { describe, expect, it } from 'vitest';
import { RULE_SET_V1 } from './rule-sets.js';
import { evaluate, isNormalDay, type DayFact, type Designation, type Override } from './rules.js';
import { codesOn, colours, DAY0, day, designation, facts, N14, noon } from './test-fixtures.js';

const at = (i: number, pattern: string, designations: Designation[] = [], overrides?: Override[]) =>
  evaluate({ ruleSets: [RULE_SET_V1], designations, facts: facts(pattern), overrides, now: noon(i) });

describe(evaluate.name, () => {
  it('explains itself: one reason per cause with code, since, source, lift and figures', () => {
    const ev = at(5, 'NNNNF', [designation('CLOSE_CONTACT', 0), designation('CONFIRMED', 2, { source: 'PARTNER:440000' })]);
    expect(ev).toMatchObject({ color: 'RED', ruleVersion: 'gx-2020.1', localDate: day(5), normalDays: 0, greenOn: day(20) });
    expect(ev.reasons.map((r) => [r.code, r.kind, r.since, r.source, r.designationId, r.awaitingLift])).toEqual([
      ['R_CLOSE_CONTACT', 'CLOSE_CONTACT', day(0), 'AUTHORITY', 'CLOSE_CONTACT-0', false],
      ['R_CONFIRMED', 'CONFIRMED', day(2), 'PARTNER:440000', 'CONFIRMED-2', true],
      ['Y_FEVER', 'FEVER', day(5), 'DECLARATION', null, false],
    ]);
    // Today's fever restarts every count: 14 normal days from tomorrow, green the day after.
    for (const r of ev.reasons) expect(r).toMatchObject({ progress: { normalDays: 0, required: 14 }, greenOn: day(20) });
  });

  it('counts a normal declaration today in progress; an undeclared today is assumed normal for greenOn', () => {
    const declared = at(5, 'NNNNN', [designation('CLOSE_CONTACT')]);
    expect(declared.reasons[0]).toMatchObject({ progress: { normalDays: 5, required: 14 }, greenOn: day(15) });
    expect([declared.normalDays, declared.greenOn]).toEqual([5, day(15)]);
    const notYet = at(5, 'NNNN', [designation('CLOSE_CONTACT')]);
    expect(notYet.reasons[0]).toMatchObject({ progress: { normalDays: 4, required: 14 }, greenOn: day(15) });
    expect(notYet.normalDays).toBe(4);
  });

  it('counts progress only after the cause started, and caps it at the days required', () => {
    const late = at(10, 'N'.repeat(10), [designation('CLOSE_CONTACT', 6)]);
    expect(late).toMatchObject({ normalDays: 10, greenOn: day(21), reasons: [{ progress: { normalDays: 4, required: 14 } }] });
    const cleared = at(20, 'N'.repeat(20), [designation('CONFIRMED', 0)]);
    expect(cleared).toMatchObject({ color: 'RED', normalDays: 20, greenOn: day(20) });
    expect(cleared.reasons[0]).toMatchObject({ progress: { normalDays: 14, required: 14 }, awaitingLift: true, greenOn: day(20) });
  });

  it('treats a lift after now as not given yet', () => {
    const ev = at(20, 'N'.repeat(20), [designation('CONFIRMED', 0, { liftedAt: `${day(21)}T09:00:00+08:00` })]);
    expect(ev).toMatchObject({ color: 'RED', reasons: [{ code: 'R_CONFIRMED', awaitingLift: true }] });
  });

  it('ignores a designation that starts later today', () => {
    expect(at(3, 'NNN', [designation('KEY_AREA', 3, { since: `${day(3)}T14:00:00+08:00` })]).color).toBe('GREEN');
  });

  it('a checkpoint fever today, undeclared, already breaks the run', () => {
    const ev = at(5, 'NNNNt', [designation('CLOSE_CONTACT')]);
    expect(ev.reasons.map((r) => [r.code, r.progress?.normalDays, r.greenOn])).toEqual([
      ['R_CLOSE_CONTACT', 0, day(20)],
      ['Y_FEVER', 0, day(20)],
    ]);
    expect(ev.normalDays).toBe(0);
  });

  it('merges occurrences of one implied code: since the earliest still active, counted from the latest', () => {
    const ev = at(6, 'KNNKNN');
    expect(ev.reasons).toEqual([
      { code: 'Y_KEY_AREA', color: 'YELLOW', kind: 'KEY_AREA', since: day(1), source: 'DECLARATION', designationId: null, progress: { normalDays: 2, required: 14 }, awaitingLift: false, greenOn: day(19), correctionDays: [] },
    ]);
  });

  it('starts a new episode when the earlier occurrence had cleared', () => {
    expect(at(16, `K${N14}N`).color).toBe('GREEN');
    expect(at(17, `K${N14}NK`).reasons.map((r) => [r.code, r.since])).toEqual([['Y_KEY_AREA', day(17)]]);
  });

  it('keeps distinct causes apart: fever and symptom, explicit and implied of one code', () => {
    expect(at(1, 'F', []).reasons.length).toBe(1);
    const both = evaluate({ ruleSets: [RULE_SET_V1], designations: [], facts: [{ date: day(1), declared: true, maxTemperature: 38, symptoms: true, exposures: [] }], now: noon(1) });
    expect(both.reasons.map((r) => r.code)).toEqual(['Y_FEVER', 'Y_SYMPTOMS']);
    const twice = at(2, 'NC', [designation('CLOSE_CONTACT')]);
    expect(twice.reasons.map((r) => [r.code, r.designationId])).toEqual([
      ['R_CLOSE_CONTACT', 'CLOSE_CONTACT-0'],
      ['R_CLOSE_CONTACT', null],
    ]);
  });

  it('orders reasons red first, then by since', () => {
    const ds = [designation('CLOSE_CONTACT', 2), designation('KEY_AREA', 0), designation('CONFIRMED', 1)];
    expect(at(2, 'F', ds).reasons.map((r) => r.code)).toEqual(['R_CONFIRMED', 'R_CLOSE_CONTACT', 'Y_KEY_AREA', 'Y_FEVER']);
  });

  it('says GREEN with no reasons and no greenOn when nothing is active', () => {
    expect(at(3, 'NxN')).toEqual({ color: 'GREEN', reasons: [], normalDays: 1, greenOn: null, ruleVersion: 'gx-2020.1', localDate: day(3) });
  });

  it.each([38.2, null])('combines two facts for one day the worse way, in either order (checkpoint reading %s)', (temperature) => {
    const declared: DayFact = { date: day(1), declared: true, maxTemperature: 36.4, symptoms: false, exposures: ['KEY_AREA_STAY'] };
    const checkpoint: DayFact = { date: day(1), declared: false, maxTemperature: temperature, symptoms: false, exposures: [], checkpointFever: true };
    const one = evaluate({ ruleSets: [RULE_SET_V1], designations: [], facts: [declared, checkpoint], now: noon(1) });
    const other = evaluate({ ruleSets: [RULE_SET_V1], designations: [], facts: [checkpoint, declared], now: noon(1) });
    expect(one.reasons.map((r) => [r.code, r.source])).toEqual([
      ['Y_FEVER', 'CHECKPOINT'],
      ['Y_KEY_AREA', 'DECLARATION'],
    ]);
    expect(other).toEqual(one);
  });

  it('names the declaration as the source of a declared fever, and the checkpoint of a measured one', () => {
    const declaredFever: DayFact = { date: day(1), declared: true, maxTemperature: 38.0, symptoms: false, exposures: [] };
    const measured: DayFact = { date: day(2), declared: false, maxTemperature: 38.3, symptoms: false, exposures: [], checkpointFever: true };
    const sourceOf = (facts: DayFact[]) => evaluate({ ruleSets: [RULE_SET_V1], designations: [], facts, now: noon(2) }).reasons.map((r) => [r.code, r.source]);
    expect(sourceOf([declaredFever])).toEqual([['Y_FEVER', 'DECLARATION']]);
    expect(sourceOf([{ ...measured, date: day(1) }])).toEqual([['Y_FEVER', 'CHECKPOINT']]);
    // One cause from the first fever day of the run: declared on day 1, so the declaration.
    expect(sourceOf([declaredFever, measured])).toEqual([['Y_FEVER', 'DECLARATION']]);
  });

  describe('overrides (upheld appeals against implied causes)', () => {
    const keyArea: Override[] = [{ reasonCode: 'Y_KEY_AREA', through: day(2) }];

    it('drop occurrences of the code up to `through`, not later ones', () => {
      expect(colours({ pattern: 'NKNNN', overrides: keyArea })).toBe('GGGGGG');
      expect(colours({ pattern: 'NKNNK', overrides: keyArea })).toBe('GGGGGY');
      expect(at(3, 'KNK', [], [{ reasonCode: 'Y_KEY_AREA', through: day(1) }]).reasons.map((r) => r.since)).toEqual([day(3)]);
    });

    it('leave other codes and explicit designations alone', () => {
      expect(codesOn({ pattern: 'NK', overrides: [{ reasonCode: 'Y_FEVER', through: day(5) }] }, 2)).toEqual(['Y_KEY_AREA']);
      const explicit = at(3, 'NNN', [designation('CLOSE_CONTACT')], [{ reasonCode: 'R_CLOSE_CONTACT', through: day(5) }]);
      expect(explicit.reasons.map((r) => r.code)).toEqual(['R_CLOSE_CONTACT']);
    });

    it('leave the overridden day abnormal: it still restarts other counts', () => {
      const s = { pattern: `NNK${N14}N`, designations: [designation('CLOSE_CONTACT')], overrides: [{ reasonCode: 'Y_KEY_AREA', through: day(3) }] };
      expect(colours(s)).toBe(`${'R'.repeat(18)}G`);
    });
  });
});

describe(isNormalDay.name, () => {
  const base: DayFact = { date: DAY0, declared: true, maxTemperature: 37.2, symptoms: false, exposures: [] };
  it.each([
    ['37.2 °C, nothing else', base, true],
    ['37.3 °C (the threshold is a fever)', { ...base, maxTemperature: 37.3 }, false],
    ['no temperature', { ...base, maxTemperature: null }, false],
    ['no declaration', { ...base, declared: false }, false],
    ['a symptom', { ...base, symptoms: true }, false],
    ['an exposure', { ...base, exposures: ['FEVER_CLINIC_VISIT'] }, false],
    ['a fever at a checkpoint', { ...base, checkpointFever: true }, false],
    ['no fact at all', undefined, false],
  ] as [string, DayFact | undefined, boolean][])('%s → %s', (_what, fact, expected) => {
    expect(isNormalDay(fact, RULE_SET_V1)).toBe(expected);
  });
});
