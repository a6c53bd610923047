import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../common/platform/db.js';
import { newId } from '../common/platform/ids.js';
import { createLogger } from '../common/platform/logger.js';
import { HealthStatusRepository } from '../subgraphs/health-status/db/repository.js';
import type { RiskKind } from '../subgraphs/health-status/db/tables.js';
import { day, facts as dayFacts } from '../subgraphs/health-status/domain/test-fixtures.js';
import { evaluate, RULE_SETS, type DayFact, type Designation } from '../subgraphs/health-status/domain/rules.js';
import { reevaluate, type EvaluationDeps } from '../subgraphs/health-status/modules/codes/evaluation.js';
import { DailyReevaluation } from '../subgraphs/health-status/modules/codes/rollover.js';
import { systemActor } from '../common/platform/audit.js';
import type { TestDatabase } from './helpers/db.js';
import { healthStatusOnDatabase } from './helpers/health-status.js';
import { identityOnDatabase } from './helpers/identity.js';
import { type IdentityRepository } from '../subgraphs/identity/db/repository.js';
import { auditLog, documentLookups } from '../subgraphs/identity/db/tables.js';
import { IdentityDailyRollover } from '../subgraphs/identity/modules/household/daily-rollover.js';
import { DOCUMENT_LOOKUPS_PER_DAY } from '../subgraphs/identity/domain/household.js';

const at = (d: number, time: string) => new Date(`${day(d)}T${time}+08:00`);
const ACTOR = systemActor('test');

/** A repository whose n-th transaction fails: the process dying in the middle of a rollover. */
class CrashingRepository extends HealthStatusRepository {
  calls = 0;
  constructor(
    db: HealthStatusRepository['db'],
    private readonly crashAt: number,
  ) {
    super(db);
  }
  override transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    if (++this.calls === this.crashAt) return Promise.reject(new Error('process killed'));
    return super.transaction(fn);
  }
}

describe(DailyReevaluation.name, () => {
  let db: TestDatabase;
  let repo: HealthStatusRepository;
  let deps: EvaluationDeps;

  beforeAll(async () => {
    ({ db, repo, deps } = await healthStatusOnDatabase());
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('keeps every stored code equal to the pure rules, every day of a 14-day scenario, evaluating only codes the date can change', async () => {
    // One letter per day from day 1 (see test-fixtures): N normal · F fever · x nothing declared.
    const people = {
      contact: { pattern: 'NNNNNNNNNNNNNNN', designate: 'CLOSE_CONTACT' as RiskKind, liftOn: null },
      keyArea: { pattern: 'NNNNNNNNNNNNNNN', designate: 'KEY_AREA' as RiskKind, liftOn: 4 },
      fever: { pattern: 'NFNNNNNNxNNNNNN', designate: null, liftOn: null },
      streak: { pattern: 'NNNNNxxxxxxxxxx', designate: null, liftOn: null },
      idle: { pattern: 'xxxxxxxxxxxxxxx', designate: null, liftOn: null },
    };
    const ids = Object.fromEntries(Object.keys(people).map((k) => [k, newId()])) as Record<keyof typeof people, string>;
    const applied = new Map<string, { facts: DayFact[]; designations: Designation[] }>(Object.values(ids).map((id) => [id, { facts: [], designations: [] }]));
    const rollover = new DailyReevaluation(deps, () => now, createLogger('silent'), 2);
    let now = at(0, '12:00:00');

    const compare = async (when: string) => {
      const stored = new Map((await repo.codes.codesOf(Object.values(ids))).map((c) => [c.personId, c]));
      for (const [name, id] of Object.entries(ids)) {
        const expected = evaluate({ ruleSets: RULE_SETS, designations: applied.get(id)!.designations, facts: applied.get(id)!.facts, now });
        const code = stored.get(id)!;
        expect({ color: code.color, normalDays: code.normalDays, greenOn: code.greenOn, reasons: code.reasons }, `${name} ${when}`).toEqual({
          color: expected.color,
          normalDays: expected.normalDays,
          greenOn: expected.greenOn,
          reasons: expected.reasons,
        });
      }
      return Object.fromEntries(Object.entries(ids).map(([name, id]) => [name, stored.get(id)!]));
    };

    // Day 0, noon: designations, each applied with its re-evaluation as designateRisk does; the idle
    // resident's code is evaluated once (GREEN, no run) and never needs the rollover after.
    await repo.transaction(async (tx) => {
      for (const [name, p] of Object.entries(people)) {
        if (!p.designate) continue;
        const id = ids[name as keyof typeof people];
        const [row] = await repo.designations.insertDesignations([{ id: newId(), personId: id, kind: p.designate, since: now.toISOString(), source: 'AUTHORITY', createdBy: 'test' }], tx);
        applied.get(id)!.designations.push({ id: row!.id, kind: row!.kind, since: row!.since, source: row!.source });
      }
      await reevaluate(deps, tx, Object.values(ids), now, ACTOR);
    });
    await compare('day 0');

    const colours = { contact: '', streak: '' };
    for (let d = 1; d <= 15; d++) {
      now = at(d, '00:30:00');
      await rollover.runOnce();
      const night = await compare(`day ${d} after the rollover`);
      // A green code with no run under way is valid for the new day as it is: never read again.
      expect(night.idle!.localDate, `day ${d}`).toBe(day(0));

      now = at(d, '09:00:00');
      for (const [name, p] of Object.entries(people)) {
        const id = ids[name as keyof typeof people];
        const [fact] = dayFacts(p.pattern.slice(0, d)).filter((f) => f.date === day(d));
        const lift = p.liftOn === d;
        if (!fact && !lift) continue;
        await repo.transaction(async (tx) => {
          if (fact) {
            await repo.facts.applyDeclaration(tx, { declarationId: newId(), personId: id, localDate: day(d), version: 1, temperature: fact.maxTemperature!, symptoms: [], exposures: [], normal: fact.maxTemperature! < 37.3, submittedAt: now.toISOString() });
            applied.get(id)!.facts.push(fact);
          }
          if (lift) {
            const designation = applied.get(id)!.designations[0]!;
            await repo.designations.liftDesignation(designation.id, now, 'test', null, tx);
            designation.liftedAt = now.toISOString();
          }
          await reevaluate(deps, tx, [id], now, ACTOR);
        });
      }
      const evening = await compare(`day ${d} after the day's facts`);
      colours.contact += evening.contact!.color[0];
      colours.streak += String(night.streak!.normalDays % 10);
    }
    // The scenario covers what it claims: still RED on day 14, GREEN on day 15; a run that stops is reset.
    expect(colours.contact).toBe('RRRRRRRRRRRRRRG');
    expect(colours.streak).toBe('012345000000000');
  });

  it('resumes after a crash with the codes it had not reached, re-evaluating none twice, and logs its progress', async () => {
    const ids = Array.from({ length: 120 }, () => newId());
    let now = at(20, '12:00:00');
    await repo.transaction(async (tx) => {
      await repo.designations.insertDesignations(ids.map((personId) => ({ id: newId(), personId, kind: 'CLOSE_CONTACT' as const, since: now.toISOString(), source: 'AUTHORITY', createdBy: 'test' })), tx);
      await reevaluate(deps, tx, ids, now, ACTOR);
    });
    now = at(21, '00:30:00');
    // The first scenario's residents still running a clearance are due as well.
    const due = (await repo.codes.timeBoundCodes(day(21), null, 10_000)).map((c) => c.personId);
    expect(due).toEqual(expect.arrayContaining(ids));
    const crashing = new DailyReevaluation({ ...deps, repo: new CrashingRepository(repo.db, 4) }, () => now, createLogger('silent'), 10);
    await expect(crashing.runOnce()).rejects.toThrow('process killed');
    const onDay = async () => (await repo.codes.codesOf(due)).filter((c) => c.localDate === day(21)).length;
    expect(await onDay()).toBe(30);

    const lines: string[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    const restarted = new DailyReevaluation(deps, () => now, logger, 2);
    const report = await restarted.rollover();
    // The rule set did not change: the first run's look for other rule sets finds none.
    expect(report).toMatchObject({ localDate: day(21), timeBound: due.length - 30, otherRuleSet: 0 });
    expect(await onDay()).toBe(due.length);
    const logged = lines.map((l) => JSON.parse(l) as { msg: string; reevaluated?: number });
    expect(logged.filter((l) => l.msg === 'daily rollover in progress').length).toBeGreaterThan(0);
    expect(logged.at(-1)).toMatchObject({ msg: 'daily rollover done', timeBound: due.length - 30 });
    // Run again the same day: nothing left.
    expect(await restarted.runOnce()).toBe(0);
  });
});

describe(IdentityDailyRollover.name, () => {
  let db: TestDatabase;
  let repo: IdentityRepository;

  beforeAll(async () => {
    ({ db, repo } = await identityOnDatabase());
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('deletes the document look-up counts of days before the budget window, in bounded batches, and leaves today’s budget as it was (issue 21)', async () => {
    const residents = Array.from({ length: 5 }, () => newId());
    // Yesterday's and older counts: five residents a day ago, two of them a month ago too.
    for (const id of residents) expect(await repo.lookups.takeDocumentLookup(id, day(29), DOCUMENT_LOOKUPS_PER_DAY)).toBe(true);
    for (const id of residents.slice(0, 2)) expect(await repo.lookups.takeDocumentLookup(id, day(0), DOCUMENT_LOOKUPS_PER_DAY)).toBe(true);
    // Today, 00:30 in the province: one resident has used up the day's budget already.
    const [spent] = residents;
    for (let i = 0; i < DOCUMENT_LOOKUPS_PER_DAY; i++) expect(await repo.lookups.takeDocumentLookup(spent!, day(30), DOCUMENT_LOOKUPS_PER_DAY)).toBe(true);
    const now = at(30, '00:30:00');
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));

    const report = await new IdentityDailyRollover(repo, () => now, logger, 3).rollover();
    expect(report).toEqual({ localDate: day(30), keptFrom: day(30), lookupsDeleted: 7, batches: 3 });
    const left = await repo.db.select().from(documentLookups);
    expect(left.map((r) => [r.personId, r.day, r.count])).toEqual([[spent, day(30), DOCUMENT_LOOKUPS_PER_DAY]]);
    expect(await repo.lookups.takeDocumentLookup(spent!, day(30), DOCUMENT_LOOKUPS_PER_DAY)).toBe(false);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ msg: 'identity daily rollover done', lookupsDeleted: 7 });
    // Each batch counted in the audit log: counts, not contents.
    const counted = await repo.db.select({ detail: auditLog.detail }).from(auditLog).where(eq(auditLog.action, 'RETENTION_DELETE'));
    expect(counted.map((c) => (c.detail as { rows: number }).rows)).toEqual([3, 3, 1]);
    // Run again the same day: nothing left to delete.
    expect(await new IdentityDailyRollover(repo, () => now, createLogger('silent'), 3).rollover()).toMatchObject({ lookupsDeleted: 0, batches: 0 });
  });
});
