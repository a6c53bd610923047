import { systemActor } from '../../../../common/platform/audit.js';
import { DailySchedule } from '../../../../common/platform/daily-schedule.js';
import type { Logger } from '../../../../common/platform/logger.js';
import type { RetentionJob, RetentionReport } from '../../../../common/domain/retention.js';
import { addDays, localDate, RULE_SETS, ruleSetOn } from '../../domain/rules.js';
import { reevaluate, type EvaluationDeps } from './evaluation.js';

const BATCH = 500;
const ACTOR = systemActor('health-status/daily');

/** What one rollover did: people re-evaluated per pass, and the batches (transactions) it took. */
export interface RolloverReport {
  localDate: string;
  timeBound: number;
  otherRuleSet: number;
  batches: number;
  /** What the retention job deleted after the re-evaluation (common/domain/retention.ts), when it runs here. */
  retention?: RetentionReport;
}

/**
 * The daily rollover. Facts re-evaluate a person where they are applied (declaration, designation,
 * lift, checkpoint fever, partner statement, appeal decision); what no fact announces is the date
 * itself: day 15 of a clearance comes with no request, and a run of normal days breaks on a day
 * nobody declares. So once per local day, and at start, the codes the date can change are
 * re-evaluated and stored: those not green or with a run of normal days under way (see
 * `timeBoundCodes`), and every code when a new rule set comes into force. A green code with no run
 * under way is the same tomorrow: it costs nothing.
 *
 * Each batch is one transaction that moves its codes to today, so a rollover cut short (a crash, a
 * deploy) resumes on the next run with what is left, and never re-evaluates a code twice a day.
 */
export class DailyReevaluation {
  private checkedRuleSetsOn: string | undefined;
  private readonly daily: DailySchedule;

  constructor(
    private readonly deps: EvaluationDeps,
    private readonly clock: () => Date,
    private readonly logger: Logger,
    private readonly batchSize = BATCH,
    private readonly retention?: RetentionJob,
  ) {
    this.daily = new DailySchedule(() => this.rollover(), clock, logger, 'daily rollover');
  }

  /** Brings every code the date can change to today; answers how many people it re-evaluated. */
  async runOnce(): Promise<number> {
    const r = await this.rollover();
    return r.timeBound + r.otherRuleSet;
  }

  async rollover(): Promise<RolloverReport> {
    const now = this.clock();
    const today = localDate(now);
    const version = ruleSetOn(RULE_SETS, today).id;
    const report: RolloverReport = { localDate: today, timeBound: 0, otherRuleSet: 0, batches: 0 };
    // Codes under an older rule set can only exist after a change of rule set (or a run missed on
    // that day): looked for at start and on the day the rule set changes, not every day.
    const ruleSetChanged = ruleSetOn(RULE_SETS, addDays(today, -1)).id !== version;
    if (this.checkedRuleSetsOn === undefined || ruleSetChanged) {
      report.otherRuleSet = await this.pass(now, report, (after) => this.deps.repo.codes.codesUnderOtherRuleSets(today, version, after, this.batchSize));
    }
    this.checkedRuleSetsOn = today;
    report.timeBound = await this.pass(now, report, (after) => this.deps.repo.codes.timeBoundCodes(today, after, this.batchSize));
    // Then personal data past its end date: after the codes, which may still read today's facts.
    if (this.retention) report.retention = await this.retention.run();
    this.logger.info({ ...report }, 'daily rollover done');
    return report;
  }

  private async pass(now: Date, report: RolloverReport, next: (after: string | null) => Promise<{ personId: string }[]>): Promise<number> {
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const batch = await next(after);
      if (!batch.length) return total;
      const ids = batch.map((b) => b.personId);
      await this.deps.repo.transaction((tx) => reevaluate(this.deps, tx, ids, now, ACTOR));
      total += ids.length;
      report.batches++;
      after = ids.at(-1)!;
      if (report.batches % 20 === 0) this.logger.info({ localDate: report.localDate, reevaluated: total, batches: report.batches }, 'daily rollover in progress');
    }
  }

  start(): Promise<void> {
    return this.daily.start();
  }

  stop(): Promise<void> {
    return this.daily.stop();
  }
}
