import { suppressSmall, suppressSmallCounts } from '../../../common/aggregates.js';
import { regionName } from '../../../common/regions/index.js';

type Color = 'GREEN' | 'YELLOW' | 'RED';

export interface RegionColorCountRow {
  regionCode: string;
  regionName: string | null;
  green: number | null;
  yellow: number | null;
  red: number | null;
  total: number | null;
}

export interface CheckpointScanCountRow {
  checkpointId: string;
  scans: number | null;
  passed: number | null;
  refused: number | null;
}

/** Pure: rows of (region prefix, colour, count) to one suppressed row per region. */
export function colorRows(counts: readonly { region: string; color: Color; n: number }[]): RegionColorCountRow[] {
  const byRegion = new Map<string, Record<'green' | 'yellow' | 'red', number>>();
  for (const c of counts) {
    const code = c.region.padEnd(6, '0');
    const row = byRegion.get(code) ?? { green: 0, yellow: 0, red: 0 };
    row[c.color.toLowerCase() as 'green' | 'yellow' | 'red'] += c.n;
    byRegion.set(code, row);
  }
  return [...byRegion.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([regionCode, cells]) => ({
      regionCode,
      regionName: regionName(regionCode) ?? null,
      ...suppressSmallCounts(cells, { totalPublished: true }),
      total: suppressSmall(cells.green + cells.yellow + cells.red),
    }));
}

/** Pure: per-checkpoint totals to suppressed rows (passed + refused = scans, so one hidden hides both). */
export function scanRows(counts: readonly { checkpointId: string; scans: number; passed: number }[]): CheckpointScanCountRow[] {
  return counts.map((c) => {
    const { passed, refused } = suppressSmallCounts({ passed: c.passed, refused: c.scans - c.passed }, { totalPublished: true });
    return { checkpointId: c.checkpointId, scans: suppressSmall(c.scans), passed, refused };
  });
}

