import { describe, expect, it } from 'vitest';
import { daysInMonth, isLeapYear, parseCompactDate, parseIsoDate } from './calendar.js';
import { ageOn, isAdult } from './index.js';

describe(ageOn.name, () => {
  it.each([
    ['1990-03-07', '1990-03-07', 0],
    ['1990-03-07', '2025-03-06', 34],
    ['1990-03-07', '2025-03-07', 35],
    ['1990-03-07', '2025-03-08', 35],
    ['1990-12-31', '2025-01-01', 34],
    ['1990-01-01', '2024-12-31', 34],
    ['1949-12-31', '2025-06-15', 75],
    // 29 February: the year completes on 1 March in a common year, on 29 February in a leap year.
    ['2000-02-29', '2001-02-28', 0],
    ['2000-02-29', '2001-03-01', 1],
    ['2000-02-29', '2003-02-28', 2],
    ['2000-02-29', '2003-03-01', 3],
    ['2000-02-29', '2004-02-28', 3],
    ['2000-02-29', '2004-02-29', 4],
    ['2000-02-29', '2018-02-28', 17],
    ['2000-02-29', '2018-03-01', 18],
    // Born on 28 February or 1 March: no special case leaks onto the neighbours.
    ['2000-02-28', '2001-02-28', 1],
    ['2000-03-01', '2001-02-28', 0],
    ['2000-03-01', '2001-03-01', 1],
  ])('born %s, on %s → %i', (birthDate, today, age) => {
    expect(ageOn(birthDate, today)).toBe(age);
  });

  it.each([
    ['2025-06-16', '2025-06-15'],
    ['1990-02-30', '2025-06-15'],
    ['1990-3-7', '2025-06-15'],
    ['1990-03-07', '2025-13-01'],
  ])('throws for born %s on %s', (birthDate, today) => {
    expect(() => ageOn(birthDate, today)).toThrow(RangeError);
  });
});

describe(isAdult.name, () => {
  it.each([
    ['2007-06-15', '2025-06-14', false],
    ['2007-06-15', '2025-06-15', true],
    ['2007-06-15', '2025-06-16', true],
    ['2008-02-29', '2026-02-28', false],
    ['2008-02-29', '2026-03-01', true],
    ['1949-12-31', '2025-06-15', true],
    ['2025-06-15', '2025-06-15', false],
  ])('born %s, on %s → %s', (birthDate, today, adult) => {
    expect(isAdult(birthDate, today)).toBe(adult);
  });
});

describe(isLeapYear.name, () => {
  it.each([
    [1900, false],
    [2000, true],
    [2023, false],
    [2024, true],
    [2100, false],
  ])('%i → %s', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
    expect(daysInMonth(year, 2)).toBe(leap ? 29 : 28);
  });
});

describe(parseIsoDate.name, () => {
  it.each([
    ['2024-02-29', { year: 2024, month: 2, day: 29 }],
    ['1900-01-01', { year: 1900, month: 1, day: 1 }],
    ['2025-04-30', { year: 2025, month: 4, day: 30 }],
    ['2025-04-31', null],
    ['2023-02-29', null],
    ['2025-00-10', null],
    ['2025-01-00', null],
    ['2025-1-10', null],
    ['2025-01-10T00:00:00Z', null],
  ])('%s', (text, date) => {
    expect(parseIsoDate(text)).toEqual(date);
  });
});

describe(parseCompactDate.name, () => {
  it.each([
    ['19491231', { year: 1949, month: 12, day: 31 }],
    ['19990230', null],
    ['1999023', null],
    ['1999-2-3', null],
  ])('%s', (text, date) => {
    expect(parseCompactDate(text)).toEqual(date);
  });
});
