import { describe, expect, it } from 'vitest';
import { placeHourRows, purgeBefore, windowNote } from './places.js';

describe('placeHourRows', () => {
  it.each([
    [0, 0, []],
    [1, null, [{ field: 'checkIns', color: null, reason: 'SMALL_COUNT' }]],
    [4, null, [{ field: 'checkIns', color: null, reason: 'SMALL_COUNT' }]],
    [5, 5, []],
    [1234, 1234, []],
  ])('a count of %i shows as %s', (n, shown, hidden) => {
    expect(placeHourRows([{ placeId: 'p', hour: '2026-11-21T00:00:00.000Z', n }])).toEqual([{ placeId: 'p', hour: '2026-11-21T00:00:00.000Z', checkIns: shown, hidden }]);
  });
});

describe('purgeBefore', () => {
  it.each([
    ['2026-11-21T00:30:00.000Z', 28, '2026-10-24T00:30:00.000Z'],
    ['2026-11-21T00:30:00.000Z', 1, '2026-11-20T00:30:00.000Z'],
  ])('at %s with %i days keeps from %s', (now, days, before) => {
    expect(purgeBefore(new Date(now), days)).toBe(before);
  });
});

describe('windowNote', () => {
  it.each([
    ['东盟商贸城', '2026-11-20T02:00:00.000Z', '2026-11-20T04:30:00.000Z', null, '场所 东盟商贸城 2026-11-20 10:00–2026-11-20 12:30 (UTC+8)'],
    ['菜市场', '2026-11-20T16:00:00.000Z', '2026-11-20T17:00:00.000Z', '确诊病例到访', '场所 菜市场 2026-11-21 00:00–2026-11-21 01:00 (UTC+8) · 确诊病例到访'],
  ])('%s %s–%s', (name, from, to, note, expected) => {
    expect(windowNote(name, from, to, note)).toBe(expected);
  });
});
