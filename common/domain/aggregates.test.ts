import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN_PUBLISHED_COUNT, suppressBesidePublishedTotal, suppressRow, suppressSmall, type SuppressedRow } from './aggregates.js';

type Row = Record<string, number>;

/**
 * What a reader who knows the rule can work out from a published row: every row of counts that
 * publishes exactly the same (shown cells, total, reasons). With the total published the hidden
 * cells add up to what it leaves; without, each is tried over 0..12 (a hidden total means the hidden
 * cells hold fewer than 10, or are all below 5; a bound only removes candidates, so it can only make
 * the check stricter).
 */
function candidates(row: Row, published: SuppressedRow<string>): Row[] {
  const keys = Object.keys(row);
  const hidden = keys.filter((k) => published.cells[k] === null);
  const key = JSON.stringify(published);
  const shown = Object.fromEntries(keys.filter((k) => !hidden.includes(k)).map((k) => [k, row[k]!]));
  const left = published.total === null ? null : published.total - Object.values(shown).reduce((a, b) => a + b, 0);
  const out: Row[] = [];
  const walk = (i: number, acc: Row, used: number) => {
    if (left !== null && i === hidden.length - 1) {
      const y = { ...acc, [hidden[i]!]: left - used };
      if (left - used >= 0 && JSON.stringify(suppressRow(Object.fromEntries(keys.map((k) => [k, y[k]!])))) === key) out.push(y);
      return;
    }
    if (i === hidden.length) {
      if (JSON.stringify(suppressRow(Object.fromEntries(keys.map((k) => [k, acc[k]!])))) === key) out.push(acc);
      return;
    }
    for (let v = 0; v <= (left === null ? 12 : left - used); v++) walk(i + 1, { ...acc, [hidden[i]!]: v }, used + v);
  };
  walk(0, shown, 0);
  return out;
}

/** The hidden counts (and hidden total) of `row` that a reader could work out exactly: must be none. */
function recoverable(row: Row): string[] {
  const published = suppressRow(row);
  const found = candidates(row, published);
  const sum = (y: Row) => Object.values(y).reduce((a, b) => a + b, 0);
  return published.hidden
    .map((h) => h.cell)
    .filter((cell) => new Set(found.map((y) => (cell === 'total' ? sum(y) : y[cell]))).size < 2);
}

describe(suppressRow.name, () => {
  it.each([
    ['nothing small', { green: 120, yellow: 9, red: 5 }, { green: 120, yellow: 9, red: 5 }, 134, []],
    ['nothing at all', { green: 0, yellow: 0, red: 0 }, { green: 0, yellow: 0, red: 0 }, 0, []],
    [
      'one small: the first cell of 5 or more protects it, labelled as such',
      { green: 26, yellow: 4, red: 8 },
      { green: null, yellow: null, red: 8 },
      38,
      [{ cell: 'green', reason: 'PROTECTS_ANOTHER' }, { cell: 'yellow', reason: 'SMALL_COUNT' }],
    ],
    [
      'two small: still protected (1 + 1 beside a total would say both)',
      { green: 120, yellow: 1, red: 1 },
      { green: null, yellow: null, red: null },
      122,
      [{ cell: 'green', reason: 'PROTECTS_ANOTHER' }, { cell: 'yellow', reason: 'SMALL_COUNT' }, { cell: 'red', reason: 'SMALL_COUNT' }],
    ],
    [
      'hidden cells holding fewer than 10: the total goes too (1 + 5 = 6 would say both)',
      { green: 5, yellow: 1, red: 0 },
      { green: null, yellow: null, red: 0 },
      null,
      [{ cell: 'green', reason: 'PROTECTS_ANOTHER' }, { cell: 'yellow', reason: 'SMALL_COUNT' }, { cell: 'total', reason: 'PROTECTS_ANOTHER' }],
    ],
    [
      'no cell to protect with: the total goes (4 + 4 = 8 would say both)',
      { green: 0, yellow: 4, red: 4 },
      { green: 0, yellow: null, red: null },
      null,
      [{ cell: 'yellow', reason: 'SMALL_COUNT' }, { cell: 'red', reason: 'SMALL_COUNT' }, { cell: 'total', reason: 'PROTECTS_ANOTHER' }],
    ],
    [
      'a small total is a small count',
      { green: 0, yellow: 3, red: 0 },
      { green: 0, yellow: null, red: 0 },
      null,
      [{ cell: 'yellow', reason: 'SMALL_COUNT' }, { cell: 'total', reason: 'SMALL_COUNT' }],
    ],
  ])('%s', (_label, row, cells, total, hidden) => {
    expect(suppressRow(row)).toEqual({ cells, total, hidden });
  });

  it('shows "<5" only for counts below 5, and no reader who knows the rule can work out a hidden count', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 30 }), { minLength: 2, maxLength: 3 }), (counts) => {
        const row = Object.fromEntries(counts.map((n, i) => [`c${i}`, n]));
        const { cells, total, hidden } = suppressRow(row);
        const sum = counts.reduce((a, b) => a + b, 0);
        const value = (cell: string) => (cell === 'total' ? sum : row[cell]!);
        for (const v of Object.values(cells)) if (v !== null) expect(v === 0 || v >= MIN_PUBLISHED_COUNT).toBe(true);
        // Every null says why, and says it truly: "small" only below 5, anything larger "protects another".
        expect(hidden.map((h) => h.cell).sort()).toEqual([...Object.keys(cells).filter((k) => cells[k] === null), ...(total === null ? ['total'] : [])].sort());
        for (const h of hidden) {
          if (h.reason === 'SMALL_COUNT') expect(value(h.cell)).toBeLessThan(MIN_PUBLISHED_COUNT);
          if (value(h.cell) >= MIN_PUBLISHED_COUNT) expect(h.reason).toBe('PROTECTS_ANOTHER');
        }
        // A published total plus the shown cells plus the reasons leave every hidden count open.
        expect(recoverable(row)).toEqual([]);
      }),
    );
  });

  it('leaves no hidden count recoverable in any row of two or three cells up to 14', () => {
    const bad: string[] = [];
    for (let a = 0; a <= 14; a++)
      for (let b = 0; b <= 14; b++) {
        if (recoverable({ a, b }).length) bad.push(`${a},${b}`);
        for (let c = 0; c <= 14; c++) if (recoverable({ a, b, c }).length) bad.push(`${a},${b},${c}`);
      }
    expect(bad).toEqual([]);
  });
});

describe(suppressBesidePublishedTotal.name, () => {
  it('withholds every non-zero cell where the row\'s total could not be withheld', () => {
    expect(suppressBesidePublishedTotal({ green: 5, yellow: 1, red: 0 })).toEqual({ green: null, yellow: null, red: 0 });
    expect(suppressBesidePublishedTotal({ green: 26, yellow: 4, red: 8 })).toEqual({ green: null, yellow: null, red: 8 });
  });

  it('leaves no hidden count recoverable from the total published beside it, in any row of two or three cells up to 14', () => {
    // A reader sees the cells and the total (itself hidden from 1 to 4): group every row up to 24 by
    // what it publishes, and ask whether a row up to 14 shares its hidden cells with no other.
    const rows: Row[] = [];
    for (let a = 0; a <= 24; a++)
      for (let b = 0; b <= 24; b++) {
        rows.push({ a, b });
        for (let c = 0; c <= 24; c++) rows.push({ a, b, c });
      }
    const seen = (y: Row) => JSON.stringify([suppressBesidePublishedTotal(y), suppressSmall(Object.values(y).reduce((m, n) => m + n, 0))]);
    const groups = new Map<string, Row[]>();
    for (const y of rows) groups.set(seen(y), [...(groups.get(seen(y)) ?? []), y]);
    const bad = rows
      .filter((y) => Object.values(y).every((n) => n <= 14))
      .filter((y) => {
        const cells = suppressBesidePublishedTotal(y);
        return Object.keys(y).some((k) => cells[k] === null && new Set(groups.get(seen(y))!.map((z) => z[k])).size < 2);
      });
    expect(bad).toEqual([]);
  });
});

describe(suppressSmall.name, () => {
  it('hides a lone small count', () => {
    expect([0, 1, 4, 5].map(suppressSmall)).toEqual([0, null, null, 5]);
  });
});
