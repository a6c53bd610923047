import { PREFIX_LENGTH } from '../../../common/regions/index.js';
import type { RegionLevel } from '../__generated__/resolvers-types.js';
import type { HealthStatusContext } from '../context.js';
import { colorRows, scanRows, type CheckpointScanCountRow, type RegionColorCountRow } from '../domain/dashboards.js';
import { window } from './window.js';

export type { CheckpointScanCountRow, RegionColorCountRow };

/** The API says CITY for what GB/T 2260 calls a prefecture-level city. */
const PREFIX: Record<RegionLevel, 2 | 4 | 6> = { PROVINCE: PREFIX_LENGTH.PROVINCE, CITY: PREFIX_LENGTH.PREFECTURE, COUNTY: PREFIX_LENGTH.COUNTY };

export async function colorCounts(ctx: HealthStatusContext, level: RegionLevel): Promise<RegionColorCountRow[]> {
  return colorRows(await ctx.repo.colorCountsByRegion(PREFIX[level]));
}

export async function scansPerCheckpoint(ctx: HealthStatusContext, from: string, to: string): Promise<CheckpointScanCountRow[]> {
  const [f, t] = window(from, to);
  return scanRows(await ctx.repo.scanCountsByCheckpoint(f, t));
}
