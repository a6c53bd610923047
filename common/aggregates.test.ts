import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_PUBLISHED_COUNT, suppressSmall, suppressSmallCounts } from './aggregates.js';

describe(suppressSmallCounts.name, () => {
  it.each([
    ['nothing small', { green: 120, yellow: 9, red: 5 }, false, { green: 120, yellow: 9, red: 5 }],
    ['1 to 4 hidden, 0 kept', { green: 120, yellow: 4, red: 0 }, false, { green: 120, yellow: null, red: 0 }],
    ['one hidden beside a total: the next smallest goes too', { green: 120, yellow: 3, red: 7 }, true, { green: 120, yellow: null, red: null }],
    ['one hidden beside a total, nothing else non-zero but the big one', { green: 120, yellow: 1, red: 0 }, true, { green: null, yellow: null, red: 0 }],
    ['a small total hides itself, so its one cell may stay alone', { green: 0, yellow: 3, red: 0 }, true, { green: 0, yellow: null, red: 0 }],
    ['two hidden beside a total: neither recoverable', { green: 120, yellow: 2, red: 1 }, true, { green: 120, yellow: null, red: null }],
  ])('%s', (_label, cells, totalPublished, expected) => {
    expect(suppressSmallCounts(cells, { totalPublished })).toEqual(expected);
  });

  it('never publishes a count from 1 to 4, and never one a published total gives away', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 12 }), { minLength: 2, maxLength: 4 }), fc.boolean(), (counts, totalPublished) => {
        const cells = Object.fromEntries(counts.map((n, i) => [`c${i}`, n]));
        const out = Object.values(suppressSmallCounts(cells, { totalPublished }));
        for (const v of out) if (v !== null) expect(v === 0 || v >= MIN_PUBLISHED_COUNT).toBe(true);
        // With the total known, a lone hidden cell is recoverable by subtraction: never leave one alone.
        const total = suppressSmall(counts.reduce((a, b) => a + b, 0));
        const hiddenCount = out.filter((v) => v === null).length;
        if (totalPublished && total !== null) expect(hiddenCount).not.toBe(1);
      }),
    );
  });

  it('hides small totals', () => {
    expect([0, 1, 4, 5].map(suppressSmall)).toEqual([0, null, null, 5]);
  });
});
