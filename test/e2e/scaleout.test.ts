import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consumeRun, dropStream, startScaleOut, type ScaleOut } from '../../bench/lib/scaleout.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { natsAvailable } from '../helpers/nats.js';
import { adminUrl } from '../helpers/postgres.js';

/**
 * Beyond one process (docs/scaling.md): two health-status processes read the same JetStream stream,
 * and each event is applied once between them. Real processes, so PostgreSQL only (PGlite lives
 * inside one process). Two gateways sharing one Redis budget: test/rate-limit-redis.test.ts, and
 * `npm run bench -- scaleout` with every process doubled.
 */
describe.runIf(!!adminUrl() && (await natsAvailable()))('two health-status processes on one JetStream stream', () => {
  let db: TestDatabase;
  let s: ScaleOut | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    s = await startScaleOut({ databaseUrl: db.connection.url!, subgraphs: ['health-status'], gateways: false, basePort: 5850, channelLimit: 8, readyTimeoutMs: 100_000 });
  }, 120_000);
  afterAll(async () => {
    await s?.stop();
    if (s) await dropStream(s.natsPrefix);
    await db?.drop();
  });

  it('applies each event once between them', async () => {
    const run = await consumeRun(s!, 300);
    expect(run.received, s!.output.join('').slice(-2000)).toBe(300);
    expect(run.twice).toBe(0);
    expect(run.perProcess.reduce((a, b) => a + b, 0)).toBe(300);
  });
});
