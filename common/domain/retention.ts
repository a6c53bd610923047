import { auditRecord, systemActor, type AuditRecord } from '../platform/audit.js';
import { DailySchedule } from '../platform/daily-schedule.js';
import { addDays, localDate, type LocalDate } from './dates.js';
import { PERIODIC_SCOPE, statementScope, type Executor } from '../platform/db.js';
import type { EventHandlers } from '../platform/events/typed.js';
import type { Logger } from '../platform/logger.js';

/**
 * Personal data with an end date (SPEC §2 "Retention", PIPL Art. 47): how long each kind of
 * personal data the graph holds is kept, and the batched, resumable deletion every owning subgraph
 * runs in its daily rollover. The policy is configuration (`RETENTION_DAYS`), with the defaults
 * below; docs/retention.md explains each kind.
 */
export const RETENTION_KINDS = [
  'DECLARATIONS',
  'DAY_FACTS',
  'SCANS',
  'PLACE_VISITS',
  'DESIGNATIONS',
  'APPEALS',
  'PAPER_CODES',
  'PARTNER_REQUESTS',
  'FOREIGN_SCANS',
  'ACCESS_LOG',
  'AUDIT_LOG',
] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

/** The subgraphs that hold personal data (config.ts's SUBGRAPHS; not imported, config.ts imports this). */
export type OwnerName = 'identity' | 'declarations' | 'health-status' | 'interop' | 'eid';

/** What the days are counted from: the record's own date, or the end of the thing it records (a lift, a decision, an expiry). */
export type RetentionClock = 'AFTER_DATE' | 'AFTER_END';

export interface RetentionRule {
  kind: RetentionKind;
  days: number;
  countedFrom: RetentionClock;
  /** The subgraphs whose schemas hold this kind; each deletes only its own rows. */
  owners: readonly OwnerName[];
  /** The shortest setting allowed: below it a rule of the colour or of tracing would lose what it needs. */
  minDays: number;
  description: string;
  /** Why this kind outlives a resident's account deletion (until its own end date); null: deleted with the account. */
  keptAfterAccountDeletion: string | null;
}

type RuleShape = Omit<RetentionRule, 'kind' | 'days' | 'keptAfterAccountDeletion'> & { defaultDays: number };

/**
 * What a resident's account deletion does not delete at once, because the law requires it kept
 * until its own end date (PIPL Art. 47 para. 2 allows keeping what another law requires); kept
 * under the person's random id alone, which nothing links to a name or document any more.
 */
export const KEPT_AFTER_ACCOUNT_DELETION: { readonly [K in RetentionKind]?: string } = {
  SCANS: 'The tracing record: the Law on the Prevention and Control of Infectious Diseases lets the health authority trace the contacts of a case found later.',
  DESIGNATIONS: 'An administrative decision about the person, which may still be reviewed or contested, and which the transparency report counts.',
  APPEALS: 'The correction requested and the decision on it, kept with the designation it concerns.',
  PARTNER_REQUESTS: "Answers already given to a partner province, kept for the partner's retries and audits.",
  AUDIT_LOG: 'Who did what with the person\'s data, this deletion included: the record supervisors and the resident rely on.',
};

export const RETENTION_RULES: { readonly [K in RetentionKind]: RuleShape } = {
  DECLARATIONS: {
    defaultDays: 28,
    minDays: 15,
    countedFrom: 'AFTER_DATE',
    owners: ['declarations'],
    description: 'Daily health declarations (every version of a day), and their DeclarationRecorded events, counted from the declared day.',
  },
  DAY_FACTS: {
    defaultDays: 30,
    minDays: 30,
    countedFrom: 'AFTER_DATE',
    owners: ['health-status'],
    description:
      "health-status's copy of a day's declarations and checkpoint temperatures, which the colour rules read: counted from the day, and kept while a designation of the person that began on or before it is neither lifted nor voided.",
  },
  SCANS: {
    defaultDays: 28,
    minDays: 15,
    countedFrom: 'AFTER_DATE',
    owners: ['health-status'],
    description: 'Checkpoint scans (who passed where, when, with which colour and temperature), the tracing record, counted from the scan.',
  },
  PLACE_VISITS: {
    defaultDays: 28,
    minDays: 15,
    countedFrom: 'AFTER_DATE',
    owners: ['health-status'],
    description: 'Place-code check-ins (场所码), counted from the visit; deleted by the place-code rollover.',
  },
  DESIGNATIONS: {
    defaultDays: 180,
    minDays: 30,
    countedFrom: 'AFTER_END',
    owners: ['health-status'],
    description: 'Risk designations, counted from their lift or void; a designation still standing is kept.',
  },
  APPEALS: {
    defaultDays: 180,
    minDays: 30,
    countedFrom: 'AFTER_END',
    owners: ['health-status'],
    description: 'Appeals (纠错) with their notes and the corrections they upheld, counted from the decision; an open appeal is kept.',
  },
  PAPER_CODES: {
    defaultDays: 28,
    minDays: 1,
    countedFrom: 'AFTER_END',
    owners: ['health-status'],
    description: 'Printed codes, counted from their expiry (a revoked code stays listed until it would have expired).',
  },
  PARTNER_REQUESTS: {
    defaultDays: 28,
    minDays: 1,
    countedFrom: 'AFTER_DATE',
    owners: ['interop', 'health-status'],
    description: "Partners' requests and the answers kept for their idempotency (a colour attested for a document), and partners' statements about travellers not registered yet, counted from the request.",
  },
  FOREIGN_SCANS: {
    defaultDays: 28,
    minDays: 15,
    countedFrom: 'AFTER_DATE',
    owners: ['interop'],
    description: "Partner provinces' codes checked at our checkpoints, counted from the check.",
  },
  ACCESS_LOG: {
    defaultDays: 365,
    minDays: 180,
    countedFrom: 'AFTER_DATE',
    owners: ['identity'],
    description: 'A resident\'s access log ("who looked at my data") and the access events it is built from, counted from the access.',
  },
  AUDIT_LOG: {
    defaultDays: 365,
    minDays: 180,
    countedFrom: 'AFTER_DATE',
    owners: ['identity', 'declarations', 'health-status', 'interop', 'eid'],
    description: 'Every subgraph\'s append-only audit log, counted from the entry; only the retention job may delete from it, and it counts what it deleted there.',
  },
};

export type RetentionPolicy = { readonly [K in RetentionKind]: number };

export const DEFAULT_RETENTION: RetentionPolicy = Object.fromEntries(RETENTION_KINDS.map((k) => [k, RETENTION_RULES[k].defaultDays])) as RetentionPolicy;

/**
 * `RETENTION_DAYS`: `KIND=days` pairs separated by commas (`DECLARATIONS=21,AUDIT_LOG=730`); kinds
 * left out keep their default. Answers the problems, one line each, for the configuration's error.
 */
export function parseRetention(raw: string | undefined): { policy: RetentionPolicy; problems: string[] } {
  const policy: Record<string, number> = { ...DEFAULT_RETENTION };
  const problems: string[] = [];
  for (const part of (raw ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Z_]+)\s*=\s*(\d{1,5})$/.exec(part);
    const kind = m?.[1] as RetentionKind | undefined;
    if (!m || !kind || !(RETENTION_KINDS as readonly string[]).includes(kind)) {
      problems.push(`RETENTION_DAYS: "${part}" is not KIND=days with KIND one of ${RETENTION_KINDS.join(', ')}`);
      continue;
    }
    const days = Number(m[2]);
    if (days < RETENTION_RULES[kind].minDays) problems.push(`RETENTION_DAYS: ${kind} must be at least ${RETENTION_RULES[kind].minDays} days`);
    else policy[kind] = days;
  }
  return { policy: policy as RetentionPolicy, problems };
}

export function retentionRules(policy: RetentionPolicy): RetentionRule[] {
  return RETENTION_KINDS.map((kind) => {
    const { defaultDays: _d, ...rule } = RETENTION_RULES[kind];
    return { kind, days: policy[kind], ...rule, keptAfterAccountDeletion: KEPT_AFTER_ACCOUNT_DELETION[kind] ?? null };
  });
}

/** The first local day kept on `today`: a record dated (or ended) before it is deleted. */
export function keptFrom(today: LocalDate, days: number): LocalDate {
  return addDays(today, -days);
}

/** `keptFrom` as an instant (the local midnight that begins it), for timestamp columns. */
export function keptFromInstant(today: LocalDate, days: number): string {
  return `${keptFrom(today, days)}T00:00:00+08:00`;
}

/**
 * One kind's deletion in one table: `purge` deletes at most `limit` rows older than the cut-off (in
 * the transaction it is given) and answers how many it deleted.
 */
export interface RetentionStep {
  kind: RetentionKind;
  table: string;
  purge(tx: Executor, cut: { date: LocalDate; instant: string }, limit: number): Promise<number>;
}

export interface RetentionReport {
  localDate: LocalDate;
  /** Rows deleted per `<kind>:<table>`. */
  deleted: Record<string, number>;
  batches: number;
}

export const RETENTION_ACTION = 'RETENTION_DELETE';

/**
 * Runs the steps in batches of `batchSize`, each batch one transaction that deletes and writes its
 * count to the audit log (kind, table, rows, cut-off: counts, never contents). A run cut short by a
 * crash loses nothing (a batch commits whole or not at all) and repeats nothing (the next run finds
 * only what is left), so the daily rollover can run it as often as it likes.
 */
export async function runRetention(opts: {
  subgraph: OwnerName;
  steps: readonly RetentionStep[];
  policy: RetentionPolicy;
  today: LocalDate;
  transaction: <T>(fn: (tx: Executor) => Promise<T>) => Promise<T>;
  audit: (entries: AuditRecord[], tx: Executor) => Promise<void>;
  logger: Logger;
  batchSize?: number;
}): Promise<RetentionReport> {
  const limit = opts.batchSize ?? 1000;
  const actor = systemActor(`${opts.subgraph}/retention`);
  const report: RetentionReport = { localDate: opts.today, deleted: {}, batches: 0 };
  for (const step of opts.steps) {
    const days = opts.policy[step.kind];
    const cut = { date: keptFrom(opts.today, days), instant: keptFromInstant(opts.today, days) };
    const key = `${step.kind}:${step.table}`;
    for (;;) {
      const n = await opts.transaction(async (tx) => {
        const deleted = await step.purge(tx, cut, limit);
        if (deleted) await opts.audit([auditRecord(actor, RETENTION_ACTION, null, { kind: step.kind, table: step.table, rows: deleted, before: cut.date, days })], tx);
        return deleted;
      });
      if (!n) break;
      report.deleted[key] = (report.deleted[key] ?? 0) + n;
      report.batches++;
      if (n < limit) break;
    }
  }
  if (report.batches) opts.logger.info({ subgraph: opts.subgraph, ...report }, 'retention deleted personal data past its end date');
  return report;
}

export interface RetentionJobOptions {
  subgraph: OwnerName;
  steps: readonly RetentionStep[];
  policy: RetentionPolicy;
  clock: () => Date;
  transaction: <T>(fn: (tx: Executor) => Promise<T>) => Promise<T>;
  audit: (entries: AuditRecord[], tx: Executor) => Promise<void>;
  logger: Logger;
  batchSize?: number;
}

/**
 * A subgraph's retention job: its steps over its own schema, on the clock's local day. A subgraph
 * with a daily rollover runs it there; one without runs it on its own `DailySchedule`
 * (`schedule()`), at start and after each local midnight.
 */
export class RetentionJob {
  constructor(private readonly o: RetentionJobOptions) {}

  run(): Promise<RetentionReport> {
    // Periodic work: a request's statement count (and its budget tests) never includes it.
    return statementScope.run(PERIODIC_SCOPE, () => runRetention({ ...this.o, today: localDate(this.o.clock()) }));
  }

  /** The job as its own daily rollover, for the subgraphs that have no other. */
  schedule(): { start(): Promise<void>; stop(): Promise<void> } {
    const daily = new DailySchedule(() => this.run(), this.o.clock, this.o.logger, `${this.o.subgraph} retention`);
    return { start: () => daily.start(), stop: () => daily.stop() };
  }
}

/** What a subgraph's repository offers the retention job: its steps, transactions and audit log. */
export interface RetainingRepository {
  retention: { steps(): RetentionStep[] };
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T>;
  audit(entries: AuditRecord[], tx: Executor): Promise<void>;
}

/** The retention job over a subgraph's repository. */
export function retentionJobOf(subgraph: OwnerName, repo: RetainingRepository, policy: RetentionPolicy, clock: () => Date, logger: Logger, batchSize?: number): RetentionJob {
  return new RetentionJob({
    subgraph,
    steps: repo.retention.steps(),
    policy,
    clock,
    logger,
    batchSize,
    transaction: (fn) => repo.transaction(fn),
    audit: (entries, tx) => repo.audit(entries, tx),
  });
}

/**
 * A consumer's part in a resident's account deletion (identity's PersonDeleted): `erase` deletes what
 * this subgraph holds of the person, and the counts are audited in the same transaction (counts, not
 * contents). Applied twice, the second finds nothing and counts nothing.
 */
export function personDeletedHandler(
  subgraph: OwnerName,
  repo: { audit(entries: AuditRecord[], tx: Executor): Promise<void> },
  erase: (personId: string, tx: Executor) => Promise<Record<string, number>>,
): NonNullable<EventHandlers['PersonDeleted']> {
  const actor = systemActor(`${subgraph}/account-deletion`);
  return async (tx, p) => {
    const deleted = await erase(p.personId, tx);
    if (Object.values(deleted).some((n) => n > 0)) await repo.audit([auditRecord(actor, 'ACCOUNT_DELETED', p.personId, { deleted })], tx);
  };
}
