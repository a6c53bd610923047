/**
 * Small-count suppression for dashboards (SPEC §7): a count from 1 to 4 could single a person out,
 * so it is published as null. Zero identifies nobody and stays. When a row also publishes its total,
 * one hidden cell could be recovered by subtraction, so the smallest other non-zero cell is hidden
 * with it (secondary suppression, as statistics offices do).
 */
export const MIN_PUBLISHED_COUNT = 5;

export function suppressSmallCounts<K extends string>(cells: Record<K, number>, opts: { totalPublished: boolean }): Record<K, number | null> {
  const out = { ...cells } as Record<K, number | null>;
  const keys = Object.keys(cells) as K[];
  const hidden = keys.filter((k) => cells[k] > 0 && cells[k] < MIN_PUBLISHED_COUNT);
  for (const k of hidden) out[k] = null;
  if (opts.totalPublished && hidden.length === 1) {
    const next = keys.filter((k) => out[k] !== null && cells[k] > 0).sort((a, b) => cells[a] - cells[b])[0];
    if (next !== undefined) out[next] = null;
  }
  return out;
}

/** A total is itself a count: hidden when small. */
export function suppressSmall(n: number): number | null {
  return n > 0 && n < MIN_PUBLISHED_COUNT ? null : n;
}
