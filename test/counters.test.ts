import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Database } from '../common/platform/db.js';
import { newId } from '../common/platform/ids.js';
import { migrateAll } from '../scripts/stack.js';
import { DeclarationsRepository } from '../subgraphs/declarations/db/repository.js';
import { HealthStatusRepository } from '../subgraphs/health-status/db/repository.js';
import { persons, scans, type Color } from '../subgraphs/health-status/db/tables.js';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';

const REGIONS = ['450102', '450103', '450203', '450305'] as const;
const COLORS: Color[] = ['GREEN', 'YELLOW', 'RED'];
const DAYS = ['2026-11-20', '2026-11-21', '2026-11-22'] as const;
const CHECKPOINTS = [newId(), newId()] as const;

/** What can happen to residents, as the consumers, checkpoints and the rollover make it happen. */
type Step =
  | { kind: 'register'; region: number }
  | { kind: 'move'; who: number; region: number }
  | { kind: 'recolor'; who: number[]; color: number }
  | { kind: 'declare'; who: number; day: number; normal: boolean }
  | { kind: 'scan'; checkpoint: number; minutes: number[]; pass: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('register' as const), region: fc.nat(REGIONS.length - 1) }),
  fc.record({ kind: fc.constant('move' as const), who: fc.nat(), region: fc.nat(REGIONS.length - 1) }),
  // A batch of codes in one statement, as a rollover batch or a household's re-evaluation writes them.
  fc.record({ kind: fc.constant('recolor' as const), who: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), color: fc.nat(COLORS.length - 1) }),
  fc.record({ kind: fc.constant('declare' as const), who: fc.nat(), day: fc.nat(DAYS.length - 1), normal: fc.boolean() }),
  // Scans over four hours, several in one statement as a checkpoint's burst is not, to count batches too.
  fc.record({ kind: fc.constant('scan' as const), checkpoint: fc.nat(CHECKPOINTS.length - 1), minutes: fc.array(fc.nat(239), { minLength: 1, maxLength: 3 }), pass: fc.boolean() }),
);
const SCANS_FROM = Date.parse('2026-11-20T08:00:00+08:00');

/**
 * The dashboards read counters kept by triggers in the writing transactions (issue 11): after any
 * mix of registrations, moves, colour changes (batched, as the rollover writes them) and declaration
 * versions, the counters equal a full recount of the tables.
 */
describe('maintained dashboard counters', () => {
  let db: TestDatabase;
  let hs: HealthStatusRepository;
  let decl: DeclarationsRepository;
  let hsDb: Database;
  const people: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const handles = await migrateAll(db.connection);
    hsDb = handles['health-status'].db;
    hs = new HealthStatusRepository(hsDb);
    decl = new DeclarationsRepository(handles.declarations.db);
  });
  afterAll(async () => {
    await db?.drop();
  });

  async function apply(s: Step): Promise<void> {
    const pick = (n: number) => people[n % people.length]!;
    if (s.kind === 'register' || !people.length) {
      const personId = newId();
      people.push(personId);
      const region = REGIONS[s.kind === 'register' ? s.region : 0]!;
      await hs.transaction((tx) => hs.persons.registerPerson(tx, { personId, documentType: 'RESIDENT_ID', documentIndex: personId, region, birthDate: null }));
      return;
    }
    if (s.kind === 'move') await hsDb.update(persons).set({ region: REGIONS[s.region] }).where(eq(persons.personId, pick(s.who)));
    if (s.kind === 'recolor') {
      const who = [...new Set(s.who.map(pick))];
      const color = COLORS[s.color]!;
      await hs.transaction((tx) => hs.codes.upsertCodes(who.map((personId) => ({ personId, color, ruleVersion: 'gx-2020.1', reasons: [], normalDays: 0, localDate: DAYS[0] })), tx));
    }
    if (s.kind === 'scan') {
      const at = (m: number) => new Date(SCANS_FROM + m * 60_000 + 1_000).toISOString();
      await hsDb.insert(scans).values(s.minutes.map((m) => ({ id: newId(), checkpointId: CHECKPOINTS[s.checkpoint]!, at: at(m), pass: s.pass })));
    }
    if (s.kind === 'declare') {
      const personId = pick(s.who);
      await decl.transaction(async (tx) => {
        await decl.declarations.lockDay(personId, DAYS[s.day]!, tx);
        await decl.declarations.insertVersion({ id: newId(), personId, localDate: DAYS[s.day]!, temperature: s.normal ? 36.5 : 38.2, symptoms: [], exposures: [], normal: s.normal, submittedBy: personId, submittedByRelation: 'SELF', channel: 'test' }, tx);
      });
    }
  }

  const sorted = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();

  async function compare(): Promise<void> {
    for (const level of [2, 4, 6] as const) {
      const counted = (await hs.dashboards.colorCountsByRegion(level)).map((r) => ({ region: r.region, color: r.color, n: Number(r.n) }));
      const recount = await rows<{ region: string; color: Color; n: number }>(
        hsDb,
        sql`select substr(p.region, 1, ${sql.raw(String(level))}) as region, coalesce(h.color, 'GREEN') as color, count(*)::int as n
            from health_status.persons p left join health_status.health_codes h on h.person_id = p.person_id group by 1, 2`,
      );
      expect(sorted(counted), `level ${level}`).toEqual(sorted(recount.map((r) => ({ region: r.region, color: r.color, n: Number(r.n) }))));
    }
    const perDay = (await decl.dashboards.countsPerDay(DAYS[0], DAYS[2])).map((r) => ({ ...r, declared: Number(r.declared), abnormal: Number(r.abnormal) }));
    const recount = await rows<{ date: string; declared: number; abnormal: number }>(
      decl.db,
      sql`select local_date::text as date, count(*)::int as declared, (count(*) filter (where not normal))::int as abnormal
          from declarations.declaration_versions where superseded_at is null group by 1 order by 1`,
    );
    expect(perDay).toEqual(recount.map((r) => ({ date: r.date, declared: Number(r.declared), abnormal: Number(r.abnormal) })));
  }

  /** A window of whole and partial hours (or within one hour), against the scans themselves. */
  async function compareScans(fromMinute: number, minutes: number): Promise<void> {
    const from = new Date(SCANS_FROM + fromMinute * 60_000).toISOString();
    const to = new Date(SCANS_FROM + (fromMinute + minutes) * 60_000).toISOString();
    const counted = await hs.dashboards.scanCountsByCheckpoint(from, to);
    const recount = await rows<{ checkpointId: string; scans: number; passed: number }>(
      hsDb,
      sql`select checkpoint_id as "checkpointId", count(*)::int as scans, (count(*) filter (where pass))::int as passed
          from health_status.scans where at >= ${from}::timestamptz and at < ${to}::timestamptz group by 1`,
    );
    const norm = (xs: { checkpointId: string; scans: number; passed: number }[]) => sorted(xs.map((r) => ({ checkpointId: r.checkpointId, scans: Number(r.scans), passed: Number(r.passed) })));
    expect(norm(counted), `${from} – ${to}`).toEqual(norm(recount));
  }

  it('equal a full recount after random scenarios', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), fc.nat(200), fc.integer({ min: 1, max: 240 }), async (steps, fromMinute, minutes) => {
        for (const s of steps) await apply(s);
        await compare();
        await compareScans(fromMinute, minutes);
      }),
      { numRuns: 15 },
    );
    expect(people.length).toBeGreaterThan(0);
  });
});
