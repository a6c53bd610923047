import type { Actor } from '../../../../common/platform/audit.js';
import type { Clock } from '../../../../common/platform/clock.js';
import { batches, readLegacyFile, type LegacyFormat, type ReadMeter } from './legacy-file.js';
import { importLegacyBatch, type LegacyBatchOutcome, type LegacyConflictReport, type LegacyImportDeps, type LegacyRejection } from './legacy.service.js';

export interface LegacyTotals {
  lines: number;
  created: number;
  bound: number;
  unchanged: number;
  designated: number;
  rejected: number;
  conflicts: number;
}

export interface LegacyFileOptions {
  vendor: string;
  path: string;
  format?: LegacyFormat;
  actor: Actor;
  clock: Clock;
  /** Records per transaction. */
  batchSize?: number;
  /** Each batch's rejected lines and conflicts, as they happen (the CLI writes them to files). */
  report?(rejected: LegacyRejection[], conflicts: LegacyConflictReport[]): void | Promise<void>;
  /** Filled in as the file is read (bytes and lines), for a progress display between batches. */
  meter?: ReadMeter;
  /** After each committed batch (the progress bar; the crash test stops here). */
  afterBatch?(totals: LegacyTotals): void | Promise<void>;
}

/** Fails before anything is read when the vendor is not a registered channel. */
export async function assertVendor(deps: LegacyImportDeps, vendor: string): Promise<void> {
  const channels = await deps.repo.channels.listChannels();
  if (!channels.some((c) => c.code === vendor)) {
    throw new Error(`no registered channel ${vendor}: one of ${channels.map((c) => c.code).join(', ')}`);
  }
}

/**
 * Imports a vendor's file batch by batch, one transaction each. Only totals stay in memory; the
 * lines, conflicts and rejections stream through. Stopped anywhere, it can simply be run again.
 */
export async function importLegacyFile(deps: LegacyImportDeps, opts: LegacyFileOptions): Promise<LegacyTotals> {
  await assertVendor(deps, opts.vendor);
  const totals: LegacyTotals = { lines: 0, created: 0, bound: 0, unchanged: 0, designated: 0, rejected: 0, conflicts: 0 };
  for await (const batch of batches(readLegacyFile(opts.path, opts.format, opts.meter), opts.batchSize ?? 2000)) {
    const o: LegacyBatchOutcome = await importLegacyBatch(deps, opts.vendor, batch, opts.actor, opts.clock());
    totals.lines += batch.length;
    totals.created += o.created;
    totals.bound += o.bound;
    totals.unchanged += o.unchanged;
    totals.designated += o.designated;
    totals.rejected += o.rejected.length;
    totals.conflicts += o.conflicts.length;
    if (o.rejected.length || o.conflicts.length) await opts.report?.(o.rejected, o.conflicts);
    await opts.afterBatch?.(totals);
  }
  return totals;
}
