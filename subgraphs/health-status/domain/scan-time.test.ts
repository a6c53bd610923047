import { describe, expect, it } from 'vitest';
import { judgeScanTime, scannedBeforeIssue } from './scan-time.js';

const NOW = new Date('2026-11-27T09:30:00+08:00');
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
const MIN = 60_000;
const HOUR = 60 * MIN;

describe(judgeScanTime.name, () => {
  it.each([
    ['now', 0, 'OK'],
    ['a phone 2 minutes fast', 2 * MIN, 'OK'],
    ['a phone 2 minutes and a second fast', 2 * MIN + 1000, 'IN_THE_FUTURE'],
    ['tomorrow', 24 * HOUR, 'IN_THE_FUTURE'],
    ['queued an hour ago', -HOUR, 'OK'],
    ['queued 72 hours ago', -72 * HOUR, 'OK'],
    ['queued 72 hours and a second ago', -72 * HOUR - 1000, 'TOO_OLD'],
    ['a phone whose clock says 1970', -NOW.getTime(), 'TOO_OLD'],
  ] as const)('%s: %s', (_what, offset, verdict) => {
    expect(judgeScanTime(at(offset), NOW)).toBe(verdict);
  });
});

describe(scannedBeforeIssue.name, () => {
  const iat = NOW.getTime() / 1000;
  it.each([
    ['scanned after issue', MIN, false],
    ['scanned at issue', 0, false],
    ['scanned 2 minutes before issue (clock skew)', -2 * MIN, false],
    ['scanned 3 minutes before issue', -3 * MIN, true],
  ] as const)('%s', (_what, offset, before) => {
    expect(scannedBeforeIssue(at(offset), iat)).toBe(before);
  });
  it('has nothing to say about a token without an issue time', () => {
    expect(scannedBeforeIssue(at(-HOUR), undefined)).toBe(false);
  });
});
