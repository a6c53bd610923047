import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { and, eq, lt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../common/domain/dates.js';
import { rows, type Database, type Executor } from '../common/platform/db.js';
import { PostgresEventTransport } from '../common/platform/events/postgres-transport.js';
import { newId } from '../common/platform/ids.js';
import { createLogger } from '../common/platform/logger.js';
import { DEFAULT_RETENTION, parseRetention, RETENTION_ACTION, retentionJobOf } from '../common/domain/retention.js';
import { migrateAll } from '../scripts/stack.js';
import { DeclarationsRepository } from '../subgraphs/declarations/db/repository.js';
import { auditLog as declarationsAudit, declarationVersions } from '../subgraphs/declarations/db/tables.js';
import { HealthStatusRepository } from '../subgraphs/health-status/db/repository.js';
import { auditLog as healthAudit, dayFacts, riskDesignations, scanCounters, scans } from '../subgraphs/health-status/db/tables.js';
import { DailyReevaluation } from '../subgraphs/health-status/modules/codes/rollover.js';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';

const START = '2026-03-01';
const noon = (d: string) => new Date(`${d}T12:00:00+08:00`);
const logger = createLogger('silent');

/** A repository whose n-th transaction fails: the process dying in the middle of a retention run. */
class CrashingDeclarations extends DeclarationsRepository {
  calls = 0;
  constructor(
    db: Database,
    private readonly crashAt: number,
  ) {
    super(db);
  }
  override transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    if (++this.calls === this.crashAt) return Promise.reject(new Error('process killed'));
    return super.transaction(fn);
  }
}

describe('retention (personal data with an end date)', () => {
  let db: TestDatabase;
  let decl: DeclarationsRepository;
  let hs: HealthStatusRepository;
  let hsDb: Database;
  let now = noon(START);
  const clock = () => now;

  beforeAll(async () => {
    db = await createTestDatabase();
    const handles = await migrateAll(db.connection);
    decl = new DeclarationsRepository(handles.declarations.db);
    hsDb = handles['health-status'].db;
    hs = new HealthStatusRepository(hsDb);
  });
  afterAll(async () => {
    await db?.drop();
  });

  const declare = (personId: string, day: string, normal: boolean) =>
    decl.transaction(async (tx) => {
      await decl.declarations.lockDay(personId, day, tx);
      await decl.declarations.insertVersion({ id: newId(), personId, localDate: day, temperature: normal ? 36.5 : 38.2, symptoms: [], exposures: [], normal, submittedBy: personId, submittedByRelation: 'SELF', channel: 'test' }, tx);
    });

  const retentionAudit = async (ex: Database, table: typeof declarationsAudit | typeof healthAudit) =>
    (await ex.select({ detail: table.detail }).from(table).where(eq(table.action, RETENTION_ACTION))).map((r) => r.detail as { kind: string; table: string; rows: number });
  const sum = (xs: { table: string; rows: number }[], table: string) => xs.filter((x) => x.table === table).reduce((n, x) => n + x.rows, 0);

  it('reads the policy from RETENTION_DAYS, with the defaults for the kinds left out, and refuses what is too short', () => {
    expect(DEFAULT_RETENTION).toMatchObject({ DECLARATIONS: 28, SCANS: 28, PLACE_VISITS: 28, DESIGNATIONS: 180, APPEALS: 180, AUDIT_LOG: 365 });
    expect(parseRetention('DECLARATIONS=21, AUDIT_LOG=730')).toEqual({ policy: { ...DEFAULT_RETENTION, DECLARATIONS: 21, AUDIT_LOG: 730 }, problems: [] });
    expect(parseRetention('DECLARATIONS=3').problems).toEqual(['RETENTION_DAYS: DECLARATIONS must be at least 15 days']);
    expect(parseRetention('FOREVER=1').problems[0]).toMatch(/^RETENTION_DAYS: "FOREVER=1" is not KIND=days/);
  });

  it('leaves no declaration or scan older than 28 days over 60 days of rollovers, with every counter unchanged and every deletion counted', async () => {
    const people = [newId(), newId(), newId()];
    const checkpoint = newId();
    // Someone designated on day 0 and never lifted: the facts the rules read for them stay.
    const designated = people[2]!;
    await hs.transaction((tx) => hs.persons.registerPerson(tx, { personId: designated, documentType: 'RESIDENT_ID', documentIndex: designated, region: '450103', birthDate: null }));
    await hsDb.insert(riskDesignations).values({ id: newId(), personId: designated, kind: 'CLOSE_CONTACT', since: noon(START).toISOString(), source: 'AUTHORITY', createdBy: 'authority:test' });
    // And a designation lifted on day 1, whose record ends 180 days later: still there on day 59.
    await hsDb.insert(riskDesignations).values({ id: newId(), personId: people[0]!, kind: 'KEY_AREA', since: noon(START).toISOString(), source: 'AUTHORITY', createdBy: 'authority:test', liftedAt: noon(addDays(START, 1)).toISOString() });

    const declarationsJob = retentionJobOf('declarations', decl, DEFAULT_RETENTION, clock, logger, 7);
    const rollover = new DailyReevaluation({ repo: hs, events: new PostgresEventTransport(hsDb, db.connection) }, clock, logger, 50, retentionJobOf('health-status', hs, DEFAULT_RETENTION, clock, logger, 5));
    const expectedPerDay: { date: string; declared: number; abnormal: number }[] = [];
    let scansMade = 0;
    let passed = 0;
    for (let d = 0; d < 60; d++) {
      const day = addDays(START, d);
      now = noon(day);
      // Each declares; one amends their day (a second version), one declares a fever every 7th day.
      for (const [i, p] of people.entries()) await declare(p, day, !(i === 1 && d % 7 === 0));
      await declare(people[0]!, day, true);
      expectedPerDay.push({ date: day, declared: people.length, abnormal: d % 7 === 0 ? 1 : 0 });
      await hsDb.insert(dayFacts).values(people.map((personId) => ({ personId, localDate: day, declared: true })));
      const at = (h: number) => new Date(`${day}T${String(h).padStart(2, '0')}:30:00+08:00`).toISOString();
      await hsDb.insert(scans).values([8, 9, 17].map((h) => ({ id: newId(), checkpointId: checkpoint, personId: people[h % 3]!, at: at(h), pass: h !== 17 })));
      scansMade += 3;
      passed += 2;
      await declarationsJob.run();
      await rollover.rollover();
    }
    const today = localDate(now);
    const keptFrom = addDays(today, -28);

    const [oldest] = await rows<{ d: string | null; n: number }>(decl.db, sql`select min(local_date)::text as d, count(*)::int as n from declarations.declaration_versions`);
    expect(oldest!.d).toBe(keptFrom);
    expect(Number(oldest!.n)).toBe(29 * (people.length + 1));
    expect(await decl.db.$count(declarationVersions, lt(declarationVersions.localDate, keptFrom))).toBe(0);
    expect(await hsDb.$count(scans, lt(scans.at, `${keptFrom}T00:00:00+08:00`))).toBe(0);

    // The dashboards read counters, which keep every day of the 60.
    const perDay = (await decl.dashboards.countsPerDay(START, today)).map((r) => ({ date: r.date, declared: Number(r.declared), abnormal: Number(r.abnormal) }));
    expect(perDay).toEqual(expectedPerDay);
    const [counted] = await rows<{ scans: number; passed: number }>(hsDb, sql`select sum(${scanCounters.scans})::int as scans, sum(${scanCounters.passed})::int as passed from ${scanCounters}`);
    expect({ scans: Number(counted!.scans), passed: Number(counted!.passed) }).toEqual({ scans: scansMade, passed });

    // The facts behind a standing designation stay; the others' end with the policy's 30 days.
    expect(await hsDb.$count(dayFacts, and(eq(dayFacts.personId, designated), lt(dayFacts.localDate, keptFrom)))).toBe(31);
    expect(await hsDb.$count(dayFacts, and(eq(dayFacts.personId, people[1]!), lt(dayFacts.localDate, addDays(today, -30))))).toBe(0);
    expect(await hsDb.$count(riskDesignations)).toBe(2);

    // Every deleted row is counted in the audit log of its own schema, by kind and table: counts, not contents.
    const declAudit = await retentionAudit(decl.db, declarationsAudit);
    expect(sum(declAudit, 'declarations.declaration_versions')).toBe(31 * (people.length + 1));
    expect(declAudit.every((a) => a.kind === 'DECLARATIONS' && Object.keys(a).sort().join() === 'before,days,kind,rows,table')).toBe(true);
    const hsAudit = await retentionAudit(hsDb, healthAudit);
    expect(sum(hsAudit, 'health_status.scans')).toBe(scansMade - 29 * 3);
  });

  it('resumes a run cut short by a crash, deleting everything once and counting it once', async () => {
    const person = newId();
    for (let d = 0; d < 20; d++) await declare(person, addDays('2025-01-01', d), true);
    const before = await retentionAudit(decl.db, declarationsAudit);
    const crashing = new CrashingDeclarations(decl.db, 3);
    const job = (repo: DeclarationsRepository) => retentionJobOf('declarations', repo, DEFAULT_RETENTION, clock, logger, 6);
    await expect(job(crashing).run()).rejects.toThrow('process killed');
    // Two batches committed before the crash; the next run finds only what is left.
    expect(await decl.db.$count(declarationVersions, eq(declarationVersions.personId, person))).toBe(8);
    await job(decl).run();
    expect(await decl.db.$count(declarationVersions, eq(declarationVersions.personId, person))).toBe(0);
    const after = await retentionAudit(decl.db, declarationsAudit);
    expect(sum(after, 'declarations.declaration_versions') - sum(before, 'declarations.declaration_versions')).toBe(20);
  });

  it('deletes audit entries only through the retention job: any other DELETE or UPDATE is still refused', async () => {
    await decl.audit([{ principalKind: 'system', principalSubject: 'test', channelUser: null, credentialId: null, action: 'OLD_ENTRY', personId: null, detail: null }]);
    await expect(decl.db.delete(declarationsAudit).where(eq(declarationsAudit.action, 'OLD_ENTRY'))).rejects.toThrow();
    await expect(decl.db.update(declarationsAudit).set({ action: 'X' }).where(eq(declarationsAudit.action, 'OLD_ENTRY'))).rejects.toThrow();
    // A year and a day on (the entry is written with the database's clock, today's), the job deletes it.
    const later = new Date(Date.now() + 367 * 86_400_000);
    await retentionJobOf('declarations', decl, DEFAULT_RETENTION, () => later, logger).run();
    expect(await decl.db.$count(declarationsAudit, eq(declarationsAudit.action, 'OLD_ENTRY'))).toBe(0);
    const counted = await retentionAudit(decl.db, declarationsAudit);
    expect(counted.some((a) => a.kind === 'AUDIT_LOG' && a.rows >= 1)).toBe(true);
  });

  it('the decommission command fails with one clear line, never a trace', async () => {
    const run = (args: string[], env: Record<string, string> = {}) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/decommission.ts', ...args], { env: { ...process.env, ...env } }).then(
        () => ({ code: 0, stderr: '' }),
        (err: { code: number; stderr: string }) => ({ code: err.code, stderr: err.stderr }),
      );
    const cases = await Promise.all([
      run(['--out', '/nonexistent/aggregates.json']),
      run(['--out', '/nonexistent/aggregates.json', '--confirm'], { RETENTION_DAYS: 'DECLARATIONS=3' }),
    ]);
    expect(cases.map((c) => c.code)).toEqual([1, 1]);
    expect(cases.map((c) => c.stderr)).toEqual([
      "decommission failed: this deletes every resident's data for good: add --confirm to go ahead\n",
      'decommission failed: Invalid configuration: - RETENTION_DAYS: DECLARATIONS must be at least 15 days\n',
    ]);
  });
});
