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
      { regionCode: '450100', regionName: '南宁市', green: 120, yellow: 0, red: 9, total: 129, hidden: [] },
      {
        regionCode: '450200',
        regionName: '柳州市',
        green: null,
        yellow: 0,
        red: 0,
        total: null,
        hidden: [
          { field: 'green', color: 'GREEN', reason: 'SMALL_COUNT' },
          { field: 'total', color: null, reason: 'SMALL_COUNT' },
        ],
      },
    ]);
  });

  it('hides green to protect a small count, says so, and keeps red on screen (兴宁区: 26 + 4 + 8)', () => {
    const [row] = colorRows([
      { region: '450102', color: 'GREEN', n: 26 },
      { region: '450102', color: 'YELLOW', n: 4 },
      { region: '450102', color: 'RED', n: 8 },
    ]);
    expect(row).toMatchObject({
      green: null,
      yellow: null,
      red: 8,
      total: 38,
      hidden: [
        { field: 'green', color: 'GREEN', reason: 'PROTECTS_ANOTHER' },
        { field: 'yellow', color: 'YELLOW', reason: 'SMALL_COUNT' },
      ],
    });
  });
});

describe(scanRows.name, () => {
  it('publishes scans, passed and refused, hiding both parts when one is small, each with its reason', () => {
    expect(scanRows([{ checkpointId: 'a', scans: 50, passed: 47 }, { checkpointId: 'b', scans: 30, passed: 30 }, { checkpointId: 'c', scans: 7, passed: 6 }])).toEqual([
      {
        checkpointId: 'a',
        scans: 50,
        passed: null,
        refused: null,
        hidden: [
          { field: 'passed', color: null, reason: 'PROTECTS_ANOTHER' },
          { field: 'refused', color: null, reason: 'SMALL_COUNT' },
        ],
      },
      { checkpointId: 'b', scans: 30, passed: 30, refused: 0, hidden: [] },
      // 6 + 1: with the total, "protects another" would mean at least 5 and "small" at least 1: both known.
      {
        checkpointId: 'c',
        scans: null,
        passed: null,
        refused: null,
        hidden: [
          { field: 'passed', color: null, reason: 'PROTECTS_ANOTHER' },
          { field: 'refused', color: null, reason: 'SMALL_COUNT' },
          { field: 'scans', color: null, reason: 'PROTECTS_ANOTHER' },
        ],
      },
    ]);
  });
});
