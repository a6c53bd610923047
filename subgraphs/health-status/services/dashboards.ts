import type { HealthStatusContext } from '../context.js';
import { colorRows, scanRows, type CheckpointScanCountRow, type RegionColorCountRow } from '../domain/dashboards.js';
import { window } from './window.js';

export type { CheckpointScanCountRow, RegionColorCountRow };

export type RegionLevel = 'PROVINCE' | 'CITY' | 'COUNTY';

/** GB/T 2260: two digits name the province, four the city, six the county. */
const PREFIX: Record<RegionLevel, 2 | 4 | 6> = { PROVINCE: 2, CITY: 4, COUNTY: 6 };

export async function colorCounts(ctx: HealthStatusContext, level: RegionLevel): Promise<RegionColorCountRow[]> {
  return colorRows(await ctx.repo.colorCountsByRegion(PREFIX[level]));
}

export async function scansPerCheckpoint(ctx: HealthStatusContext, from: string, to: string): Promise<CheckpointScanCountRow[]> {
  const [f, t] = window(from, to);
  return scanRows(await ctx.repo.scanCountsByCheckpoint(f, t));
}
