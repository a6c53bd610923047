/**
 * Small-count suppression for dashboards (SPEC §7): a count from 1 to 4 could single a person out,
 * so it is published as null. Zero identifies nobody and stays.
 *
 * A row publishes its cells and their total, and says why each null is null, so a reader can tell a
 * count below 5 from a larger one hidden only to protect it. That makes the reasons part of what a
 * reader knows, and the rule below is built so that, knowing the rule, the total, the shown cells and
 * the reasons, no hidden count can be worked out exactly:
 *
 * - Every count from 1 to 4 is hidden (SMALL_COUNT), in [1, 4] for a reader.
 * - If any is, the first cell in the row's order holding 5 or more is hidden too (PROTECTS_ANOTHER),
 *   or the total would give a lone small count away by subtraction. The first by position, not the
 *   smallest: "the smallest" would tell a reader it is at most every shown cell, which pins it down
 *   where two cells tie.
 * - The total is hidden too (PROTECTS_ANOTHER) when the hidden cells together hold fewer than 10, or
 *   when no cell could protect the small ones: at the minimum (1 + 5 = 6, or 4 + 4 = 8 with no
 *   protector) the reasons alone would fix every hidden count. A hidden total leaves each hidden cell
 *   at least two possible values either way (a reader learns only "fewer than 10").
 * - A total from 1 to 4 is itself a small count (SMALL_COUNT).
 *
 * Rows have two or three cells: with four cells of 1, a hidden total from 1 to 4 would still say each.
 */
export const MIN_PUBLISHED_COUNT = 5;

/** Why a published count is null. */
export type HiddenReason = 'SMALL_COUNT' | 'PROTECTS_ANOTHER';

export interface HiddenCount<K extends string> {
  /** The cell, or `total`. */
  cell: K | 'total';
  reason: HiddenReason;
}

export interface SuppressedRow<K extends string> {
  cells: Record<K, number | null>;
  total: number | null;
  /** Every null of the row, cells in the row's order, then the total. */
  hidden: HiddenCount<K>[];
}

/** The hidden cells of a row must hold at least this many together for its total to be published. */
const MIN_HIDDEN_SUM = 2 * MIN_PUBLISHED_COUNT;

const isSmall = (n: number) => n > 0 && n < MIN_PUBLISHED_COUNT;

/** A row of counts (in the order a protector is chosen) and its total, suppressed as above. */
export function suppressRow<K extends string>(counts: Record<K, number>): SuppressedRow<K> {
  const keys = Object.keys(counts) as K[];
  const cells = { ...counts } as Record<K, number | null>;
  const total = keys.reduce((sum, k) => sum + counts[k], 0);
  const small = keys.filter((k) => isSmall(counts[k]));
  if (small.length === 0) return { cells, total, hidden: [] };

  const protector = keys.find((k) => counts[k] >= MIN_PUBLISHED_COUNT);
  const hiddenKeys = new Set<K>(protector === undefined ? small : [...small, protector]);
  for (const k of hiddenKeys) cells[k] = null;
  const hidden: HiddenCount<K>[] = keys.filter((k) => hiddenKeys.has(k)).map((cell) => ({ cell, reason: cell === protector ? 'PROTECTS_ANOTHER' : 'SMALL_COUNT' }));

  const hiddenSum = [...hiddenKeys].reduce((sum, k) => sum + counts[k], 0);
  if (isSmall(total)) return { cells, total: null, hidden: [...hidden, { cell: 'total', reason: 'SMALL_COUNT' }] };
  if (protector === undefined || hiddenSum < MIN_HIDDEN_SUM) return { cells, total: null, hidden: [...hidden, { cell: 'total', reason: 'PROTECTS_ANOTHER' }] };
  return { cells, total, hidden };
}

/**
 * The cells of a row whose total someone else publishes and this code cannot withhold (an employer's
 * staff count comes from the identity subgraph): where `suppressRow` would withhold the total, every
 * non-zero cell is withheld instead. Such rows publish no reasons.
 */
export function suppressBesidePublishedTotal<K extends string>(counts: Record<K, number>): Record<K, number | null> {
  const row = suppressRow(counts);
  if (row.total !== null) return row.cells;
  const cells = { ...counts } as Record<K, number | null>;
  for (const k of Object.keys(counts) as K[]) if (counts[k] > 0) cells[k] = null;
  return cells;
}

/** A lone count (no total beside it to subtract from): hidden when small. */
export function suppressSmall(n: number): number | null {
  return isSmall(n) ? null : n;
}
