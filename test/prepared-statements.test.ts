import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drizzleOn, openConnection, rows, type Connection } from '../common/platform/db.js';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';
import { adminUrl } from './helpers/postgres.js';

const PROBE = sql`select ${'probe'}::text as marker, ${41}::int + 1 as answer`;

async function preparedProbes(c: Connection): Promise<number> {
  // One connection in the pool: this read sees the session that ran the probes. The pattern is a
  // parameter, so this statement (itself prepared) does not match it.
  const found = await c.sql!<{ n: number }[]>`select count(*)::int as n from pg_prepared_statements where statement like ${'%::int + 1 as answer%'}`;
  return found[0]!.n;
}

/** common/platform/db.ts `preparing`: drizzle's statements are named prepared statements on PostgreSQL, in and out of transactions. */
describe.runIf(!!adminUrl())('prepared statements on PostgreSQL', () => {
  let database: TestDatabase;
  const opened: Connection[] = [];
  const open = async (prepare?: boolean) => {
    const url = database.connection.url!;
    const c = await openConnection({ url, poolSize: 1, ...(prepare === undefined ? {} : { prepare }) });
    opened.push(c);
    return c;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(opened.map((c) => c.close()));
    await database?.drop();
  });

  it('prepares each statement once per connection by default, and reuses it', async () => {
    const c = await open();
    const { db } = drizzleOn(c, 'probe');
    for (let i = 0; i < 3; i++) expect(await rows(db, PROBE)).toEqual([{ marker: 'probe', answer: 42 }]);
    expect(await preparedProbes(c)).toBe(1);
  });

  it('prepares inside a transaction and a savepoint too', async () => {
    const c = await open();
    const { db } = drizzleOn(c, 'probe');
    const answers = await db.transaction(async (tx) => {
      const outer = await rows<{ answer: number }>(tx, PROBE);
      const inner = await tx.transaction(async (sp) => rows<{ answer: number }>(sp, PROBE));
      return [outer[0]!.answer, inner[0]!.answer];
    });
    expect(answers).toEqual([42, 42]);
    expect(await preparedProbes(c)).toBe(1);
  });

  it('sends unnamed statements when DATABASE_PREPARE=false', async () => {
    const c = await open(false);
    const { db } = drizzleOn(c, 'probe');
    for (let i = 0; i < 2; i++) expect(await rows(db, PROBE)).toEqual([{ marker: 'probe', answer: 42 }]);
    expect(await preparedProbes(c)).toBe(0);
  });
});
