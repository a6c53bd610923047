import { DailySchedule } from '../../../../common/platform/daily-schedule.js';
import type { Logger } from '../../../../common/platform/logger.js';
import type { HealthStatusRepository } from '../../db/repository.js';
import { purgeBefore } from '../../domain/places.js';

const BATCH = 5000;

/**
 * The daily purge of place check-ins older than the tracing window (SPEC §8: kept no longer than
 * tracing needs), beside the daily rollover, at start and after each local midnight. It deletes in
 * batches, each its own statement, so a run cut short resumes on the next with what is left; the
 * hourly counters are kept by inserts only and keep their numbers.
 */
export class PlaceVisitPurge {
  private readonly daily: DailySchedule;

  constructor(
    private readonly repo: HealthStatusRepository,
    private readonly clock: () => Date,
    private readonly logger: Logger,
    private readonly retentionDays: number,
    private readonly batchSize = BATCH,
  ) {
    this.daily = new DailySchedule(() => this.runOnce(), clock, logger, 'place visit purge');
  }

  /** Deletes every visit older than the window; answers how many. */
  async runOnce(): Promise<number> {
    const before = purgeBefore(this.clock(), this.retentionDays);
    let total = 0;
    for (;;) {
      const n = await this.repo.places.deleteVisitsBefore(before, this.batchSize);
      total += n;
      if (n < this.batchSize) break;
    }
    this.logger.info({ before, deleted: total }, 'place visit purge done');
    return total;
  }

  start(): Promise<void> {
    return this.daily.start();
  }

  stop(): Promise<void> {
    return this.daily.stop();
  }
}
