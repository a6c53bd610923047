import { auditRecord, systemActor } from '../../../../common/platform/audit.js';
import type { Logger } from '../../../../common/platform/logger.js';
import { reevaluate, type EvaluationDeps } from '../codes/evaluation.js';
import { counted } from './designations.service.js';

const ACTOR = systemActor('health-status/emergency-lapses');
const BATCH = 200;
/** How often the job looks for emergency designations whose time is up. */
const EVERY_MS = 60_000;

/**
 * Emergency designations (issue 26) stand for at most 24 hours on one officer's word. The rules stop
 * counting one at its `lapsesAt` whatever happens (`domain/designations.ts`, `inEffect`); this job
 * records the lapse: the designation becomes LAPSED, the step is counted and audited (shown to the
 * person: their access log says it lapsed unapproved), and the code is re-evaluated and stored, one
 * transaction per batch. A minute's delay at most; a run cut short resumes with what is left.
 */
export class EmergencyLapses {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly deps: EvaluationDeps & { provinceCode: string },
    private readonly clock: () => Date,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.runOnce()
        .catch((err: unknown) => this.logger.error({ err }, 'emergency lapses failed; retrying in a minute'))
        .finally(() => (this.running = undefined));
    }, EVERY_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Lapses every emergency designation due by now; answers how many. */
  async runOnce(): Promise<number> {
    const now = this.clock();
    let total = 0;
    for (;;) {
      const n = await this.deps.repo.transaction(async (tx) => {
        const due = await this.deps.repo.designations.dueLapses(now, BATCH, tx);
        if (!due.length) return 0;
        await this.deps.repo.designations.markLapsed(
          due.map((d) => d.id),
          now,
          tx,
        );
        await this.deps.repo.audit(
          due.map((d) => auditRecord(ACTOR, 'DESIGNATION_LAPSED', d.personId, { designationId: d.id, kind: d.kind, designatedBy: d.createdBy, lapsesAt: d.lapsesAt, reason: 'NOT_APPROVED_IN_TIME', shownToPerson: true })),
          tx,
        );
        await this.deps.repo.designations.count(due.map((d) => counted(d, 'lapsed', now, this.deps.provinceCode)), tx);
        await reevaluate(this.deps, tx, [...new Set(due.map((d) => d.personId))], now, ACTOR);
        return due.length;
      });
      total += n;
      if (n < BATCH) break;
    }
    if (total) this.logger.info({ lapsed: total }, 'emergency designations lapsed unapproved');
    return total;
  }
}
