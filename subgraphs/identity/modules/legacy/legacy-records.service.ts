import { BadUserInputError } from '../../../../common/platform/errors.js';
import type { IdentityContext } from '../../context.js';
import { importLegacyBatch, type LegacyBatchOutcome } from './legacy.service.js';

/** The mutation is for corrections and small vendors; files go through the CLI, batch by batch. */
export const MAX_RECORDS_PER_CALL = 1000;

/** The admin mutation: one batch, one transaction, the same rules as the CLI's. */
export async function importLegacyRecords(ctx: IdentityContext, vendor: string, records: readonly object[]): Promise<LegacyBatchOutcome> {
  if (records.length > MAX_RECORDS_PER_CALL) {
    throw new BadUserInputError(`at most ${MAX_RECORDS_PER_CALL} records per call; import files with npm run import:legacy`, { field: 'records', reason: 'TOO_MANY_RECORDS' });
  }
  const channels = await ctx.loaders.channels();
  if (!channels.some((c) => c.code === vendor)) throw new BadUserInputError(`no registered channel ${vendor}`, { field: 'vendor', reason: 'UNKNOWN_CHANNEL' });
  const lines = records.map((raw, i) => ({ line: i + 1, raw: { ...raw } as Record<string, unknown> }));
  return importLegacyBatch(ctx, vendor, lines, ctx.principal, ctx.clock());
}
