import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declarationVersions } from '../../subgraphs/declarations/db/tables.js';
import { SUBMIT } from '../factories/people.js';
import { newResident } from '../helpers/people.js';
import { startTestStack, TestClock, type TestStack } from '../helpers/stack.js';

/**
 * Parallel writes for one person through the gateway. On PostgreSQL (CI runs this file there too)
 * the requests really overlap on a pool of connections; PGlite serialises them by nature.
 */
describe('parallel declarations for one person', () => {
  let t: TestStack;
  const clock = new TestClock(Date.parse('2026-12-01T09:00:00+08:00'));

  beforeAll(async () => {
    t = await startTestStack({}, { clock });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('turns 10 parallel submitDeclaration into versions 1–10, all answered, one current', async () => {
    const r = await newResident(t);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => t.gql<{ submitDeclaration: { declaration: { version: number } } }>(r.caller, SUBMIT, { input: { temperature: 36 + i / 10 } })),
    );
    expect(results.flatMap((res) => res.errors ?? [])).toEqual([]);
    expect(results.map((res) => res.data!.submitDeclaration.declaration.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const rows = await t.stack.db.declarations.db.select().from(declarationVersions).where(eq(declarationVersions.personId, r.id)).orderBy(asc(declarationVersions.version));
    expect(rows.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(rows.filter((v) => !v.supersededAt).map((v) => v.version)).toEqual([10]);
  });
});
