import { describe, expect, it } from 'vitest';
import { dateWindow, instantWindow } from './windows.js';

const refusal = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    const e = error as { message: string; extensions: { code: string; field: string; reason: string } };
    return `${e.extensions.code} ${e.extensions.reason} ${e.extensions.field}: ${e.message}`;
  }
};

describe(instantWindow.name, () => {
  it.each([
    ['one second', '2026-11-01T00:00:00+08:00', '2026-11-01T00:00:01+08:00', 'ok'],
    ['exactly 31 days', '2026-11-01T00:00:00+08:00', '2026-12-02T00:00:00+08:00', 'ok'],
    ['31 days and a second', '2026-11-01T00:00:00+08:00', '2026-12-02T00:00:01+08:00', 'BAD_USER_INPUT BAD_WINDOW to: a window spans at most 31 days'],
    ['empty', '2026-11-01T08:00:00+08:00', '2026-11-01T00:00:00Z', 'BAD_USER_INPUT BAD_WINDOW from: from must be before to'],
    ['backwards', '2026-11-02T00:00:00+08:00', '2026-11-01T00:00:00+08:00', 'BAD_USER_INPUT BAD_WINDOW from: from must be before to'],
  ])('%s', (_name, from, to, expected) => {
    expect(refusal(() => instantWindow(from, to))).toBe(expected);
  });
});

describe(dateWindow.name, () => {
  it.each([
    ['one day (from = to)', '2026-11-01', '2026-11-01', 'ok'],
    ['92 days, both ends included', '2026-11-01', '2027-01-31', 'ok'],
    ['93 days', '2026-11-01', '2027-02-01', 'BAD_USER_INPUT BAD_WINDOW to: a window spans at most 92 days'],
    ['backwards', '2026-11-02', '2026-11-01', 'BAD_USER_INPUT BAD_WINDOW from: from must not be after to'],
  ])('%s', (_name, from, to, expected) => {
    expect(refusal(() => dateWindow(from, to))).toBe(expected);
  });
});
