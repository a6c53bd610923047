import { addDays, localDate } from '../domain/dates.js';
import type { Logger } from './logger.js';

/** Milliseconds from `now` until the next midnight in UTC+8. */
export function msUntilNextLocalMidnight(now: Date): number {
  const next = Date.parse(`${addDays(localDate(now), 1)}T00:00:00+08:00`);
  return next - now.getTime();
}

/**
 * Runs a subgraph's daily rollover at start and again just after each local midnight; a run that
 * fails is retried a minute later. The job itself must be safe to run twice a day (each rollover
 * resumes where a cut-short run stopped), so a restart or a retry never does harm.
 */
export class DailySchedule {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly run: () => Promise<unknown>,
    private readonly clock: () => Date,
    private readonly logger: Logger,
    private readonly name: string,
  ) {}

  async start(): Promise<void> {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => 0);
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.run()
        .then(() => {
          // A second past midnight: the new local day has begun for certain.
          if (this.timer) this.schedule(msUntilNextLocalMidnight(this.clock()) + 1000);
        })
        .catch((err: unknown) => {
          this.logger.error({ err }, `${this.name} failed; resuming in a minute`);
          if (this.timer) this.schedule(60_000);
        });
    }, delayMs);
    this.timer.unref();
  }
}
