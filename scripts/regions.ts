import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { pinyin } from 'pinyin-pro';
import { GUANGXI_REGION_ROWS } from '../common/domain/regions/data.js';
import { PROVINCES } from '../common/domain/regions/index.js';
import { PREFECTURE_ROWS } from '../common/domain/regions/prefectures.js';

/**
 * The region pickers' data for the H5 page (`web/h5/regions.json`): every province, the
 * prefecture-level cities of each (from common/domain/regions/prefectures.ts, Guangxi's from data.ts) and
 * Guangxi's counties, each with the initials of its name in pinyin ("sz" finds 深圳市). pinyin-pro
 * runs here, at generation time: its dictionary is far too big to send to a phone.
 * test/pages/generated.test.ts fails when the file is stale (`npm run regions`).
 */
export const REGIONS_FILE = new URL('../web/h5/regions.json', import.meta.url);

/** One picker row: code, Chinese name, pinyin initials of the name (lower case, letters only). */
export type RegionRow = [code: string, name: string, initials: string];

export function initials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** Provinces in GB/T 2260 order, then each province's cities, then Guangxi's counties: parents before children. */
export function regionRows(): RegionRow[] {
  const guangxiBelow = GUANGXI_REGION_ROWS.filter(([code]) => code !== '450000');
  const rows = [
    ...PROVINCES,
    ...[...PREFECTURE_ROWS, ...guangxiBelow.filter(([code]) => code.endsWith('00'))].sort(([a], [b]) => a.localeCompare(b)),
    ...guangxiBelow.filter(([code]) => !code.endsWith('00')),
  ];
  return rows.map(([code, name]) => [code, name, initials(name)]);
}

/** One row a line, so a change to the standard reads as a small diff. */
export function regionsText(rows = regionRows()): string {
  return `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(REGIONS_FILE, regionsText());
  console.log('wrote web/h5/regions.json');
}
