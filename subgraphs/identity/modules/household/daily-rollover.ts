import { addDays, localDate } from '../../../../common/domain/dates.js';
import { DailySchedule } from '../../../../common/platform/daily-schedule.js';
import type { Logger } from '../../../../common/platform/logger.js';
import { auditRecord, systemActor } from '../../../../common/platform/audit.js';
import { RETENTION_ACTION, type RetentionJob, type RetentionReport } from '../../../../common/domain/retention.js';
import type { IdentityRepository } from '../../db/repository.js';
import { DOCUMENT_LOOKUP_WINDOW_DAYS } from '../../domain/household.js';

const BATCH = 1000;
const ACTOR = systemActor('identity/daily');

/** What one rollover did. */
export interface IdentityRolloverReport {
  localDate: string;
  /** Look-up counts deleted: days before `keptFrom`. */
  lookupsDeleted: number;
  keptFrom: string;
  batches: number;
  /** What the retention job deleted (common/domain/retention.ts), when it runs here. */
  retention?: RetentionReport;
}

/**
 * Identity's daily rollover. A document look-up count (document_lookups) matters only while it
 * counts against the resident's budget; after that it only says who looked documents up on which
 * day, personal data with no use left (SPEC: every kind of personal data has an end date). So once
 * per local day, and at start, the counts of days before the budget window are deleted, in bounded
 * batches: a rollover cut short resumes with what is left on its next run.
 */
export class IdentityDailyRollover {
  private readonly daily: DailySchedule;

  constructor(
    private readonly repo: IdentityRepository,
    private readonly clock: () => Date,
    private readonly logger: Logger,
    private readonly batchSize = BATCH,
    private readonly retention?: RetentionJob,
  ) {
    this.daily = new DailySchedule(() => this.rollover(), clock, logger, 'identity daily rollover');
  }

  async rollover(): Promise<IdentityRolloverReport> {
    const today = localDate(this.clock());
    const keptFrom = addDays(today, -(DOCUMENT_LOOKUP_WINDOW_DAYS - 1));
    const report: IdentityRolloverReport = { localDate: today, lookupsDeleted: 0, keptFrom, batches: 0 };
    for (;;) {
      // Each batch with its count in the audit log (counts, not contents), as the retention job's.
      const deleted = await this.repo.transaction(async (tx) => {
        const n = await this.repo.lookups.deleteDocumentLookupsBefore(keptFrom, this.batchSize, tx);
        if (n) await this.repo.audit([auditRecord(ACTOR, RETENTION_ACTION, null, { kind: 'DOCUMENT_LOOKUPS', table: 'identity.document_lookups', rows: n, before: keptFrom })], tx);
        return n;
      });
      if (!deleted) break;
      report.lookupsDeleted += deleted;
      report.batches++;
      if (deleted < this.batchSize) break;
    }
    if (this.retention) report.retention = await this.retention.run();
    this.logger.info({ ...report }, 'identity daily rollover done');
    return report;
  }

  start(): Promise<void> {
    return this.daily.start();
  }

  stop(): Promise<void> {
    return this.daily.stop();
  }
}
