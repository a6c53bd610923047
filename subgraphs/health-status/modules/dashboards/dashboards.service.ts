import { PREFIX_LENGTH } from '../../../../common/domain/regions/index.js';
import type { HealthStatusContext } from '../../context.js';
import { colorRows, scanRows, type CheckpointScanCountRow, type RegionColorCountRow } from '../../domain/dashboards.js';

/** The SDL's RegionLevel, spelled here so the service does not import the generated types (which map onto it). */
type RegionLevel = 'PROVINCE' | 'CITY' | 'COUNTY';
import { instantWindow } from '../../../../common/domain/windows.js';

export type { CheckpointScanCountRow, RegionColorCountRow };

/** The API says CITY for what GB/T 2260 calls a prefecture-level city. */
const PREFIX: Record<RegionLevel, 2 | 4 | 6> = { PROVINCE: PREFIX_LENGTH.PROVINCE, CITY: PREFIX_LENGTH.PREFECTURE, COUNTY: PREFIX_LENGTH.COUNTY };

export async function colorCounts(ctx: HealthStatusContext, level: RegionLevel): Promise<RegionColorCountRow[]> {
  return colorRows(await ctx.repo.dashboards.colorCountsByRegion(PREFIX[level]));
}

export async function scansPerCheckpoint(ctx: HealthStatusContext, from: string, to: string): Promise<CheckpointScanCountRow[]> {
  const [f, t] = instantWindow(from, to);
  return scanRows(await ctx.repo.dashboards.scanCountsByCheckpoint(f, t));
}
