import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drizzleOn } from '../common/platform/db.js';
import { eventDeliveryFailures } from '../common/platform/metrics.js';
import { runMigrations } from '../common/platform/migrate.js';
import { eidFactory } from '../subgraphs/eid/index.js';
import { identityFactory } from '../subgraphs/identity/index.js';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';
import { testConfig } from './helpers/stack.js';

interface Line {
  level: number;
  msg: string;
  [k: string]: unknown;
}

const failures = async () => (await eventDeliveryFailures.get()).values.find((v) => v.labels.consumer === 'eid')?.value ?? 0;

/**
 * Separately deployed, each process migrates its own schema at start: eid may be up and polling
 * identity's outbox before identity's process has created it. That is a cold start, not a fault.
 */
describe("eid's event consumer at a cold start, before identity has migrated", () => {
  let database: TestDatabase;
  const lines: Line[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const text of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(text) as Line);
        done();
      },
    }),
  );
  let stop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await stop?.();
    await database?.drop();
  });

  it('waits quietly (no error, no SQL in the log) and retries, then delivers once identity has migrated', async () => {
    const { connection } = database;
    // This file's own database: on PostgreSQL a clone of the migrated template, so take identity away.
    await connection.query('drop schema if exists identity cascade');
    const eid = drizzleOn(connection, 'eid');
    await runMigrations(eid, 'eid', eidFactory.migrations);
    const mod = await eidFactory.create({ db: eid.db, connection, config: testConfig({ EVENTS_POLL_MS: '20' }), logger, clock: () => new Date() });
    const consumer = mod.background![0]!;
    stop = () => consumer.stop();
    const before = await failures();
    await consumer.start();

    // Several polls have found no outbox (each a counted attempt), and the log says so once, calmly.
    await expect.poll(failures, { timeout: 20_000 }).toBeGreaterThanOrEqual(before + 3);
    expect(lines.filter((l) => l.level >= 40)).toEqual([]);
    expect(lines.filter((l) => /waiting for producers/.test(l.msg))).toHaveLength(1);
    expect(JSON.stringify(lines)).not.toMatch(/select|identity"?\.events/i);

    await runMigrations(drizzleOn(connection, 'identity'), 'identity', identityFactory.migrations);
    await expect.poll(() => lines.some((l) => /producers migrated; delivering events/.test(l.msg)), { timeout: 20_000 }).toBe(true);
    expect(lines.filter((l) => l.level >= 40)).toEqual([]);
  });
});
