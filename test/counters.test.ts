import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Database } from '../common/db.js';
import { newId } from '../common/ids.js';
import { migrateAll } from '../scripts/stack.js';
import { DeclarationsRepository } from '../subgraphs/declarations/db/repository.js';
import { HealthStatusRepository } from '../subgraphs/health-status/db/repository.js';
import { persons, type Color } from '../subgraphs/health-status/db/tables.js';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';

const REGIONS = ['450102', '450103', '450203', '450305'] as const;
const COLORS: Color[] = ['GREEN', 'YELLOW', 'RED'];
const DAYS = ['2026-11-20', '2026-11-21', '2026-11-22'] as const;

/** What can happen to residents, as the consumers, checkpoints and the rollover make it happen. */
type Step =
  | { kind: 'register'; region: number }
  | { kind: 'move'; who: number; region: number }
  | { kind: 'recolor'; who: number[]; color: number }
  | { kind: 'declare'; who: number; day: number; normal: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('register' as const), region: fc.nat(REGIONS.length - 1) }),
  fc.record({ kind: fc.constant('move' as const), who: fc.nat(), region: fc.nat(REGIONS.length - 1) }),
  // A batch of codes in one statement, as a rollover batch or a household's re-evaluation writes them.
  fc.record({ kind: fc.constant('recolor' as const), who: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), color: fc.nat(COLORS.length - 1) }),
  fc.record({ kind: fc.constant('declare' as const), who: fc.nat(), day: fc.nat(DAYS.length - 1), normal: fc.boolean() }),
);

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
    if (s.kind === 'declare') {
      const personId = pick(s.who);
      await decl.transaction(async (tx) => {
        await decl.lockDay(personId, DAYS[s.day]!, tx);
        await decl.insertVersion({ id: newId(), personId, localDate: DAYS[s.day]!, temperature: s.normal ? 36.5 : 38.2, symptoms: [], exposures: [], normal: s.normal, submittedBy: personId, submittedByRelation: 'SELF', channel: 'test' }, tx);
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
    const perDay = (await decl.countsPerDay(DAYS[0], DAYS[2])).map((r) => ({ ...r, declared: Number(r.declared), abnormal: Number(r.abnormal) }));
    const recount = await rows<{ date: string; declared: number; abnormal: number }>(
      decl.db,
      sql`select local_date::text as date, count(*)::int as declared, (count(*) filter (where not normal))::int as abnormal
          from declarations.declaration_versions where superseded_at is null group by 1 order by 1`,
    );
    expect(perDay).toEqual(recount.map((r) => ({ date: r.date, declared: Number(r.declared), abnormal: Number(r.abnormal) })));
  }

  it('equal a full recount after random scenarios', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        for (const s of steps) await apply(s);
        await compare();
      }),
      { numRuns: 15 },
    );
    expect(people.length).toBeGreaterThan(0);
  });
});
