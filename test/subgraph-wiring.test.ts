import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SUBGRAPHS } from '../common/platform/config.js';
import { drizzleOn } from '../common/platform/db.js';
import { EventConsumer } from '../common/platform/events/consumer.js';
import { NatsEventTransport } from '../common/platform/events/nats-transport.js';
import { PostgresEventTransport } from '../common/platform/events/postgres-transport.js';
import { createLogger } from '../common/platform/logger.js';
import { FACTORIES } from '../scripts/stack.js';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';
import { testConfig } from './helpers/stack.js';

/** Stands in for tracing: records which service asked for it, then stops the process entry there. */
const traced = vi.hoisted(() => ({ services: [] as string[], Stop: class extends Error {} }));
vi.mock('../common/platform/telemetry-switch.js', () => ({
  withTelemetry: async (service: string) => {
    traced.services.push(service);
    throw new traced.Stop(`tracing started for ${service}`);
  },
  flushTelemetry: async () => undefined,
}));

/**
 * What `defineSubgraph` wires, subgraph by subgraph: a subgraph declares what it is, so none can
 * build its own transport (eid once ignored EVENT_TRANSPORT) or skip tracing (eid's main.ts once did).
 */
describe('every subgraph as the assembler wires it', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  it('runs a subgraph for every configured name, each once', () => {
    expect(FACTORIES.map((f) => f.name).sort()).toEqual([...SUBGRAPHS].sort());
  });

  describe.each([
    ['postgres', PostgresEventTransport],
    ['nats', NatsEventTransport],
  ] as const)('with EVENT_TRANSPORT=%s', (kind, Transport) => {
    it.each(FACTORIES.map((f) => [f.name, f] as const))('%s consumes events on that transport', async (name, factory) => {
      // NATS connects on first use, so building on it needs no server.
      const config = testConfig({ EVENT_TRANSPORT: kind });
      const mod = await factory.create({ db: drizzleOn(database.connection, name).db, connection: database.connection, config, logger: createLogger('silent'), clock: () => new Date(0) });
      const consumers = (mod.background ?? []).filter((b): b is EventConsumer => b instanceof EventConsumer);
      // Every subgraph keeps a projection or a log of other subgraphs' events.
      expect(consumers.length).toBeGreaterThan(0);
      for (const c of consumers) expect(c.transport).toBeInstanceOf(Transport);
    });
  });

  it.each(SUBGRAPHS)('starts tracing for %s before loading its modules, in its process entry', async (name) => {
    await expect(import(`../subgraphs/${name}/main.ts`)).rejects.toThrow(traced.Stop);
    expect(traced.services.at(-1)).toBe(name);
  });
});
