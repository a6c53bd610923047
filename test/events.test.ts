import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type DatabaseHandle } from '../common/platform/db.js';
import { EventConsumer } from '../common/platform/events/consumer.js';
import { DECLARATION_EVENTS, STREAMS, type DeclarationRecorded } from '../common/platform/events/contracts.js';
import { closeNatsConnections, NatsEventTransport } from '../common/platform/events/nats-transport.js';
import { PostgresEventTransport } from '../common/platform/events/postgres-transport.js';
import type { ConsumerSpec, EventTransport } from '../common/platform/events/transport.js';
import { createLogger } from '../common/platform/logger.js';
import { healthStatusConsumerSpec } from '../subgraphs/health-status/index.js';
import { HealthStatusRepository } from '../subgraphs/health-status/db/repository.js';
import { migrateAll } from '../scripts/stack.js';
import { createTestDatabase, type TestDatabase } from './helpers/db.js';
import { dropNatsStream, natsAvailable, natsPrefix, NATS_URL } from './helpers/nats.js';

const logger = createLogger('silent');

function declaration(personId: string, version = 1): DeclarationRecorded {
  return {
    declarationId: randomUUID(),
    personId,
    localDate: '2026-11-26',
    version,
    temperature: 36.5,
    symptoms: [],
    exposures: [],
    normal: true,
    submittedAt: '2026-11-26T08:00:00.000+08:00',
  };
}

type Handles = Awaited<ReturnType<typeof migrateAll>>;

/** One transport under test: how it is built, and whether the consumer still owes an acknowledgement. */
interface Variant {
  name: 'postgres' | 'nats';
  make(db: TestDatabase, handles: Handles, owner: 'declarations' | 'health-status'): EventTransport;
  /** Events the health-status consumer has received but not acknowledged (or not received at all). */
  unacknowledged(handles: Handles, transport: EventTransport, spec: ConsumerSpec): Promise<boolean>;
  close(): Promise<void>;
}

const postgres: Variant = {
  name: 'postgres',
  make: (db, handles, owner) => new PostgresEventTransport(handles[owner].db, db.connection),
  async unacknowledged(handles) {
    const [offset] = await rows<{ last_id: string }>(
      handles['health-status'].db,
      sql`select last_id from health_status.event_offsets where consumer = 'health-status' and stream = 'declarations'`,
    );
    const [newest] = await rows<{ id: string }>(handles.declarations.db, sql`select max(id) as id from declarations.events`);
    return Number(offset!.last_id) < Number(newest!.id);
  },
  close: async () => {},
};

const prefix = natsPrefix('events');
const nats: Variant = {
  name: 'nats',
  make: (db, handles, owner) => new NatsEventTransport(handles[owner].db, db.connection, { url: NATS_URL, prefix }),
  async unacknowledged(_handles, transport, spec) {
    // Only what the relay has handed over counts here; `pending` covers the outbox too.
    return (transport as NatsEventTransport).pending(spec);
  },
  async close() {
    await closeNatsConnections();
    await dropNatsStream(prefix);
  },
};

const variants = [postgres, ...((await natsAvailable()) ? [nats] : [])];

describe.each(variants)('event delivery from declarations to health-status ($name transport)', (variant) => {
  let db: TestDatabase;
  let handles: Handles;
  let producer: EventTransport;
  let transport: EventTransport;
  let spec: ConsumerSpec;

  /** Publishes `n` declarations for fresh persons, `perTx` to a transaction, as the declarations subgraph does. */
  async function publish(n: number, perTx = 100): Promise<string[]> {
    const ids = Array.from({ length: n }, () => randomUUID());
    for (let i = 0; i < n; i += perTx) {
      await handles.declarations.db.transaction(async (tx) => {
        await producer.publish(
          tx,
          STREAMS.declarations,
          ids.slice(i, i + perTx).map((id) => ({ type: DECLARATION_EVENTS.DeclarationRecorded, personId: id, payload: { ...declaration(id) } })),
        );
      });
    }
    return ids;
  }

  async function received(ids: string[]): Promise<Map<string, number>> {
    const h = handles['health-status'] as DatabaseHandle;
    const found = await rows<{ person_id: string; versions_received: number }>(
      h.db,
      sql`select person_id, versions_received from health_status.day_facts where person_id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`,
    );
    return new Map(found.map((r) => [r.person_id, Number(r.versions_received)]));
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    handles = await migrateAll(db.connection);
    producer = variant.make(db, handles, 'declarations');
    transport = variant.make(db, handles, 'health-status');
    const repo = new HealthStatusRepository(handles['health-status'].db);
    spec = healthStatusConsumerSpec(repo, { repo, events: transport }, () => new Date('2026-11-26T10:00:00+08:00'));
  });
  afterAll(async () => {
    await variant.close();
    await db?.drop();
  });

  it('applies 1,000 declarations published while the consumer was stopped, each exactly once', async () => {
    const ids = await publish(1000);
    expect((await received(ids)).size).toBe(0);
    expect(await transport.pending(spec)).toBe(true);

    const consumer = new EventConsumer(transport, spec, logger);
    expect(await consumer.catchUp()).toBe(1000);
    const seen = await received(ids);
    expect(seen.size).toBe(1000);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);

    expect(await transport.pending(spec)).toBe(false);
    expect(await consumer.catchUp()).toBe(0);
    expect([...(await received(ids)).values()].every((n) => n === 1)).toBe(true);
  });

  it('re-delivers after a crash between apply and acknowledge without applying twice', async () => {
    const ids = await publish(300);
    let crashes = 0;
    const crashing = new EventConsumer(transport, spec, logger, {
      hooks: {
        afterApply: (_consumer, stream, applied) => {
          if (stream !== STREAMS.declarations || !applied) return;
          crashes++;
          throw new Error('consumer crashed before acknowledging');
        },
      },
    });
    await expect(crashing.catchUp()).rejects.toThrow(/crashed/);
    expect(crashes).toBe(1);
    // The apply committed, the acknowledgement did not: the consumer still owes these events.
    expect(await variant.unacknowledged(handles, transport, spec)).toBe(true);

    const restarted = new EventConsumer(transport, spec, logger);
    expect(await restarted.catchUp()).toBe(0);
    const seen = await received(ids);
    expect(seen.size).toBe(300);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    expect(await variant.unacknowledged(handles, transport, spec)).toBe(false);
  });

  it('rolls a failing batch back whole and applies it once on the next attempt', async () => {
    const ids = await publish(200);
    let calls = 0;
    const failing: ConsumerSpec = {
      ...spec,
      handle: async (tx, event) => {
        if (++calls === 150) throw new Error('handler failed mid-batch');
        await spec.handle(tx, event);
      },
    };
    await expect(new EventConsumer(transport, failing, logger).catchUp()).rejects.toThrow(/mid-batch/);
    expect((await received(ids)).size).toBe(0);
    expect(await new EventConsumer(transport, spec, logger).catchUp()).toBe(200);
    expect([...(await received(ids)).values()].every((n) => n === 1)).toBe(true);
  });

  it('wakes a running consumer by notification, long before its next poll', async () => {
    const consumer = new EventConsumer(transport, spec, logger, { pollMs: 60_000 });
    await consumer.start();
    try {
      await new Promise((r) => setTimeout(r, 50)); // let the start-up delivery settle
      const [id] = await publish(1);
      const until = Date.now() + 5_000;
      while ((await received([id!])).size === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect((await received([id!])).get(id!)).toBe(1);
    } finally {
      await consumer.stop();
    }
  });

  it('lets concurrent catch-ups share the work without applying anything twice', async () => {
    const ids = await publish(400, 50);
    const a = new EventConsumer(transport, spec, logger);
    const b = new EventConsumer(transport, spec, logger);
    const applied = await Promise.all([a.catchUp(), b.catchUp(), a.catchUp()]);
    expect(applied.reduce((x, y) => x + y, 0)).toBe(400);
    expect([...(await received(ids)).values()].every((n) => n === 1)).toBe(true);
  });

  // Every fresh read asks `pending` first, so it must not read the whole outbox: a plan regression
  // here made each request cost 136 ms at 200k events (bench/scan.ts). Cheap to check, so checked.
  it.runIf(variant.name === 'postgres')('answers "anything pending?" from the (txid, id) index, however long the outbox grows', async () => {
    if (!(transport instanceof PostgresEventTransport)) throw new Error('the PostgreSQL transport');
    await publish(1000, 1000);
    await handles.declarations.db.execute(sql`analyze declarations.events`);
    const plan = (await rows<Record<string, string>>(handles['health-status'].db, sql`explain ${transport.pendingQuery(spec)}`)).map((r) => Object.values(r)[0]).join('\n');
    expect(plan).toMatch(/Index (Only )?Scan using \w+ on events/);
    // ...entered at the consumer's offset, not walked from the start and filtered.
    expect(plan).toMatch(/Index Cond: \(ROW\(txid, id\) > ROW\(/);
    expect(plan).not.toMatch(/Seq Scan on events/);
    expect(await transport.pending(spec)).toBe(true);
  });

  // A relay that dies after JetStream stored a batch and before marking it sends the batch again on
  // restart: the server drops the copies (same Nats-Msg-Id) and the consumer's inbox would skip any left.
  it.runIf(variant.name === 'nats')('relays an outbox row twice without the consumer applying it twice', async () => {
    if (!(transport instanceof NatsEventTransport)) throw new Error('the NATS transport');
    await new EventConsumer(transport, spec, logger).catchUp();
    const ids = await publish(20);
    expect(await transport.relay(STREAMS.declarations)).toBe(20);
    await handles.declarations.db.execute(sql`update declarations.events set published_at = null where person_id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`);
    expect(await transport.relay(STREAMS.declarations)).toBe(20);
    expect(await new EventConsumer(transport, spec, logger).catchUp()).toBe(20);
    expect([...(await received(ids)).values()]).toEqual(Array(20).fill(1));
    expect(await transport.pending(spec)).toBe(false);
  });
});
