import { systemActor } from '../../../common/audit.js';
import type { Logger } from '../../../common/logger.js';
import { addDays, localDate, RULE_SETS, ruleSetOn } from '../domain/rules.js';
import { reevaluate, type EvaluationDeps } from './evaluation.js';

const BATCH = 500;
const ACTOR = systemActor('health-status/daily');

/**
 * Colours change with time alone (day 15 comes with no request), so once per local day, and at
 * start, every code that time can change is re-evaluated and stored: counts and change events are
 * then right without anyone asking. Only non-green codes (or codes from an older rule set) can
 * change by time passing, so those are all it reads.
 */
export class DailyReevaluation {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly deps: EvaluationDeps,
    private readonly clock: () => Date,
    private readonly logger: Logger,
  ) {}

  /** Re-evaluates every stale code once; answers how many were looked at. */
  async runOnce(): Promise<number> {
    const now = this.clock();
    const today = localDate(now);
    const version = ruleSetOn(RULE_SETS, today).id;
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const batch = await this.deps.repo.staleCodes(today, version, after, BATCH);
      if (!batch.length) return total;
      const ids = batch.map((b) => b.personId);
      await this.deps.repo.transaction((tx) => reevaluate(this.deps, tx, ids, now, ACTOR));
      total += ids.length;
      after = ids.at(-1)!;
    }
  }

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
      this.running = this.runOnce()
        .then((n) => {
          this.logger.info({ reevaluated: n }, 'daily re-evaluation done');
          return n;
        })
        .catch((err: unknown) => {
          this.logger.error({ err }, 'daily re-evaluation failed; retrying in a minute');
          this.schedule(60_000);
          return 0;
        })
        .finally(() => {
          if (!this.timer) return;
          this.schedule(msUntilNextLocalMidnight(this.clock()) + 60_000);
        });
    }, delayMs);
    this.timer.unref();
  }
}

/** Milliseconds from `now` until the next midnight in UTC+8. */
export function msUntilNextLocalMidnight(now: Date): number {
  const next = Date.parse(`${addDays(localDate(now), 1)}T00:00:00+08:00`);
  return next - now.getTime();
}
