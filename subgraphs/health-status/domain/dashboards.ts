import { suppressRow, type HiddenCount, type HiddenReason } from '../../../common/domain/aggregates.js';
import { regionName } from '../../../common/domain/regions/index.js';

type Color = 'GREEN' | 'YELLOW' | 'RED';

/** A null count of a dashboard row, by the row's field name, and why (the SDL's `HiddenCell`). */
export interface HiddenCellRow {
  field: string;
  color: Color | null;
  reason: HiddenReason;
}

export interface RegionColorCountRow {
  regionCode: string;
  regionName: string | null;
  green: number | null;
  yellow: number | null;
  red: number | null;
  total: number | null;
  hidden: HiddenCellRow[];
}

export interface CheckpointScanCountRow {
  checkpointId: string;
  scans: number | null;
  passed: number | null;
  refused: number | null;
  hidden: HiddenCellRow[];
}

const COLOR = { green: 'GREEN', yellow: 'YELLOW', red: 'RED' } as const;

/**
 * Pure: rows of (region prefix, colour, count) to one suppressed row per region. Green comes first,
 * so it is the count hidden to protect a small yellow or red one: the colours an official acts on
 * stay on screen, and a hidden green is still known to within 4 from the total.
 */
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
    .map(([regionCode, cells]) => {
      const row = suppressRow(cells);
      const hidden = row.hidden.map((h) => hiddenCell(h, h.cell === 'total' ? null : COLOR[h.cell]));
      return { regionCode, regionName: regionName(regionCode) ?? null, ...row.cells, total: row.total, hidden };
    });
}

/** Pure: per-checkpoint totals to suppressed rows (passed + refused = scans, the row's total). */
export function scanRows(counts: readonly { checkpointId: string; scans: number; passed: number }[]): CheckpointScanCountRow[] {
  return counts.map((c) => {
    const row = suppressRow({ passed: c.passed, refused: c.scans - c.passed });
    return { checkpointId: c.checkpointId, scans: row.total, ...row.cells, hidden: row.hidden.map((h) => hiddenCell({ ...h, cell: h.cell === 'total' ? 'scans' : h.cell }, null)) };
  });
}

function hiddenCell(h: HiddenCount<string>, color: Color | null): HiddenCellRow {
  return { field: h.cell, color, reason: h.reason };
}
