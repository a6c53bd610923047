import { describe, expect, it } from 'vitest';
import { colorRows, scanRows } from './dashboards.js';

describe(colorRows.name, () => {
  it('folds colours into one row per region, named, with small counts suppressed', () => {
    const rows = colorRows([
      { region: '4501', color: 'GREEN', n: 120 },
      { region: '4501', color: 'RED', n: 9 },
      { region: '4502', color: 'GREEN', n: 3 },
    ]);
    expect(rows).toEqual([
      { regionCode: '450100', regionName: '南宁市', green: 120, yellow: 0, red: 9, total: 129 },
      { regionCode: '450200', regionName: '柳州市', green: null, yellow: 0, red: 0, total: null },
    ]);
  });

  it('hides a second cell where one hidden cell could be recovered from the total', () => {
    const [row] = colorRows([
      { region: '450103', color: 'GREEN', n: 40 },
      { region: '450103', color: 'YELLOW', n: 2 },
      { region: '450103', color: 'RED', n: 6 },
    ]);
    expect(row).toMatchObject({ green: 40, yellow: null, red: null, total: 48 });
  });
});

describe(scanRows.name, () => {
  it('publishes scans, passed and refused, hiding both parts when one is small', () => {
    expect(scanRows([{ checkpointId: 'a', scans: 50, passed: 47 }, { checkpointId: 'b', scans: 30, passed: 30 }])).toEqual([
      { checkpointId: 'a', scans: 50, passed: null, refused: null },
      { checkpointId: 'b', scans: 30, passed: 30, refused: 0 },
    ]);
  });
});
