import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeRun, rateLimitRun, startScaleOut, type ScaleOut } from '../../bench/lib/scaleout.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { dropNatsStream, natsAvailable } from '../helpers/nats.js';
import { adminUrl } from '../helpers/postgres.js';

const LIMIT = 8;

/**
 * Beyond one process (docs/scaling.md): two gateways share one Redis rate limit, and two
 * health-status processes read the same JetStream stream, each event applied once between them.
 * Real processes, so PostgreSQL only (PGlite lives inside one process).
 */
describe.runIf(!!adminUrl() && (await natsAvailable()))('two of each process, sharing Redis, NATS and PostgreSQL', () => {
  let db: TestDatabase;
  let s: ScaleOut;

  beforeAll(async () => {
    db = await createTestDatabase();
    s = await startScaleOut({ databaseUrl: db.connection.url!, subgraphs: ['health-status'], basePort: 5850, channelLimit: LIMIT });
  }, 180_000);
  afterAll(async () => {
    await s?.stop();
    if (s) await dropNatsStream(s.natsPrefix);
    await db?.drop();
  });

  it("counts one channel user's requests against one budget across both gateways", async () => {
    const run = await rateLimitRun(s.gateways, LIMIT + 4);
    expect(run).toMatchObject({ accepted: LIMIT, limited: 4 });
    expect(run.perGateway.every((n) => n > 0)).toBe(true);
  });

  it('applies each event once between two health-status processes reading the same stream', async () => {
    const run = await consumeRun(s, 300);
    expect(run.received, s.output.join('').slice(-2000)).toBe(300);
    expect(run.twice).toBe(0);
    expect(run.perProcess.reduce((a, b) => a + b, 0)).toBe(300);
  });
});
