import { sql } from 'drizzle-orm';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, createInbox, type Msg, type NatsConnection } from '@nats-io/transport-node';
import { rows, type Connection, type Database, type Executor } from '../db.js';
import { EVENTS_CHANNEL, ident, outbox, writeOutbox } from './postgres-transport.js';
import type { ConsumerSpec, DeliveryHooks, DomainEvent, EventTransport, NewEvent } from './transport.js';

const BATCH = 500;
/** How long a pull waits for the server's answer before giving up (it answers at once: no_wait). */
const PULL_TIMEOUT_MS = 5_000;
/** Inbox entries outlive JetStream's duplicate window by far; older ones are forgotten now and then. */
const INBOX_RETENTION = '1 day';
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export interface NatsOptions {
  /** e.g. `nats://127.0.0.1:4222`. */
  url: string;
  /**
   * Names the JetStream stream (`<prefix>_events`) and subjects (`<prefix>.events.<stream>`,
   * `<prefix>.wake.<stream>`); tests use a fresh prefix per run so parallel runs never meet.
   */
  prefix: string;
}

interface Broker {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
}

/** An event on the wire: the outbox row, minus what the subject already says (its stream). */
interface WireEvent {
  id: number;
  type: string;
  personId: string | null;
  payload: Record<string, unknown>;
  occurredAt: string;
}

interface OutboxRow {
  id: string | number;
  type: string;
  person_id: string | null;
  payload: Record<string, unknown> | string;
  occurred_at: string;
}

const connections = new Map<string, Promise<NatsConnection>>();

/** One NATS connection per process and server, shared by every subgraph's transport in it. */
function sharedConnection(url: string): Promise<NatsConnection> {
  let nc = connections.get(url);
  if (!nc) {
    nc = connect({ servers: url, name: `hcg-${process.pid}`, maxReconnectAttempts: -1 });
    nc.catch(() => connections.delete(url));
    connections.set(url, nc);
  }
  return nc;
}

/** Drains and closes the process's NATS connections (shutdown, end of a test file). */
export async function closeNatsConnections(): Promise<void> {
  const open = [...connections.values()];
  connections.clear();
  await Promise.all(open.map(async (p) => (await p.catch(() => undefined))?.drain()));
}

/**
 * Events through NATS JetStream, nothing lost on the way:
 * - producers still write the outbox row in the transaction that changes the state (`writeOutbox`);
 * - a relay hands unpublished rows to JetStream, `Nats-Msg-Id` = stream:id so that a relay that dies
 *   between publishing and marking is deduplicated by the server, then marks them published. One relay
 *   per stream at a time (an advisory lock), so the broker keeps outbox order; any process may relay,
 *   and every consumer relays the streams it reads before it pulls, so read-your-writes holds;
 * - each consumer has a durable pull consumer per stream; a batch is applied and recorded in the
 *   consumer's inbox in one transaction, then acknowledged. A redelivered event finds itself in the
 *   inbox and changes nothing. Batches of one consumer take turns across processes (the consumer's
 *   offset row is the lock), so each stream is applied in order however many processes consume it.
 */
export class NatsEventTransport implements EventTransport {
  private broker: Promise<Broker> | undefined;
  private readonly durables = new Map<string, Promise<string>>();
  private readonly pruned = new Map<string, number>();

  constructor(
    private readonly db: Database,
    private readonly connection: Connection,
    private readonly options: NatsOptions,
  ) {
    if (!/^[A-Za-z0-9_-]+$/.test(options.prefix)) throw new Error(`NATS prefix ${options.prefix} must be letters, digits, _ or -`);
  }

  get streamName(): string {
    return `${this.options.prefix}_events`;
  }

  subject(stream: string): string {
    return `${this.options.prefix}.events.${stream}`;
  }

  /** The durable consumer of `stream` for `consumer`, created on first use. */
  durableName(consumer: ConsumerSpec, stream: string): string {
    // JetStream names may not hold a dot; an access outbox's stream is `<schema>.access_events`.
    return `${consumer.name}__${stream.replace(/\./g, '_')}`;
  }

  publish(tx: Executor, stream: string, events: NewEvent[]): Promise<void> {
    return writeOutbox(tx, stream, events);
  }

  async pending(consumer: ConsumerSpec): Promise<boolean> {
    const checks = consumer.streams.map((s) => sql`exists (select 1 from ${outbox(s)} e where e.published_at is null)`);
    const [row] = await rows<{ pending: boolean }>(this.db, sql`select (${sql.join(checks, sql` or `)}) as pending`);
    if (row?.pending) return true;
    const { jsm } = await this.connect();
    for (const stream of consumer.streams) {
      const info = await jsm.consumers.info(this.streamName, await this.durable(consumer, stream));
      // Handed back (nak) or never delivered; a batch in flight elsewhere counts too, and costs a pull.
      if (info.num_pending + info.num_ack_pending > 0) return true;
    }
    return false;
  }

  async deliver(consumer: ConsumerSpec, hooks: DeliveryHooks = {}): Promise<number> {
    let applied = 0;
    for (const stream of consumer.streams) {
      await this.relay(stream);
      for (;;) {
        const batch = await this.applyBatch(consumer, stream, hooks);
        applied += batch.applied;
        if (batch.fetched < BATCH) break;
      }
      await this.prune(consumer, stream);
    }
    return applied;
  }

  async subscribe(wake: (stream: string) => void): Promise<() => Promise<void>> {
    // A commit in this database wakes the relay; a relay anywhere wakes every consumer of the stream.
    const unlisten = await this.connection.listen(EVENTS_CHANNEL, wake);
    const { nc } = await this.connect();
    const prefix = `${this.options.prefix}.wake.`;
    const sub = nc.subscribe(`${prefix}*`, {
      callback: (err, msg) => {
        if (!err) wake(msg.subject.slice(prefix.length));
      },
    });
    return async () => {
      sub.unsubscribe();
      await unlisten();
    };
  }

  /** Hands the stream's unpublished outbox rows to JetStream and marks them; answers how many. */
  async relay(stream: string): Promise<number> {
    const { js, nc } = await this.connect();
    let relayed = 0;
    for (;;) {
      const n = await this.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`hcg-relay:${stream}`}))`);
        const batch = await rows<OutboxRow>(
          tx,
          sql`select id, type, person_id, payload, occurred_at from ${outbox(stream)}
              where published_at is null order by id limit ${BATCH}`,
        );
        if (!batch.length) return 0;
        // Sent back to back on one connection, so JetStream stores them in this order.
        await Promise.all(batch.map((row) => js.publish(this.subject(stream), JSON.stringify(toWire(row)), { msgID: `${stream}:${row.id}` })));
        await tx.execute(
          sql`update ${outbox(stream)} set published_at = now()
              where id in (${sql.join(batch.map((r) => sql`${r.id}::bigint`), sql`, `)})`,
        );
        return batch.length;
      });
      relayed += n;
      if (n < BATCH) break;
    }
    if (relayed) nc.publish(`${this.options.prefix}.wake.${stream}`);
    return relayed;
  }

  private connect(): Promise<Broker> {
    this.broker ??= (async () => {
      const nc = await sharedConnection(this.options.url);
      const jsm = await jetstreamManager(nc);
      const config = { name: this.streamName, subjects: [`${this.options.prefix}.events.>`] };
      // Adding an existing stream with the same configuration succeeds; another process may win the race.
      await jsm.streams.add(config).catch(async (err: unknown) => {
        await jsm.streams.info(this.streamName).catch(() => Promise.reject(err as Error));
      });
      return { nc, js: jetstream(nc), jsm };
    })();
    this.broker.catch(() => (this.broker = undefined));
    return this.broker;
  }

  private durable(consumer: ConsumerSpec, stream: string): Promise<string> {
    const name = this.durableName(consumer, stream);
    let ready = this.durables.get(name);
    if (!ready) {
      ready = (async () => {
        const { jsm } = await this.connect();
        await jsm.consumers.add(this.streamName, {
          durable_name: name,
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.All,
          filter_subject: this.subject(stream),
        });
        return name;
      })();
      ready.catch(() => this.durables.delete(name));
      this.durables.set(name, ready);
    }
    return ready;
  }

  /** Up to `batch` messages the consumer may take now; answers at once when there are fewer. */
  private async pull(durable: string, batch: number): Promise<Msg[]> {
    const { nc } = await this.connect();
    const inbox = createInbox();
    const sub = nc.subscribe(inbox);
    const timer = setTimeout(() => sub.unsubscribe(), PULL_TIMEOUT_MS);
    const out: Msg[] = [];
    nc.publish(`$JS.API.CONSUMER.MSG.NEXT.${this.streamName}.${durable}`, JSON.stringify({ batch, no_wait: true }), { reply: inbox });
    for await (const m of sub) {
      // A status message (404 no messages, 408 request done, 409 …) ends the pull.
      if (m.headers && m.headers.code >= 400) break;
      out.push(m);
      if (out.length === batch) break;
    }
    clearTimeout(timer);
    sub.unsubscribe();
    return out;
  }

  private async applyBatch(consumer: ConsumerSpec, stream: string, hooks: DeliveryHooks): Promise<{ fetched: number; applied: number }> {
    const durable = await this.durable(consumer, stream);
    const { nc } = await this.connect();
    const offsets = sql`${ident(consumer.schema)}.event_offsets`;
    const inbox = sql`${ident(consumer.schema)}.event_inbox`;
    let pulled: Msg[] = [];
    let applied: number;
    try {
      applied = await this.db.transaction(async (tx) => {
        await tx.execute(sql`insert into ${offsets} (consumer, stream) values (${consumer.name}, ${stream}) on conflict do nothing`);
        await tx.execute(sql`select 1 from ${offsets} o where o.consumer = ${consumer.name} and o.stream = ${stream} for update`);
        pulled = await this.pull(durable, BATCH);
        let n = 0;
        for (const m of pulled) {
          const event = fromWire(stream, m);
          const fresh = await rows(
            tx,
            sql`insert into ${inbox} (consumer, stream, event_id) values (${consumer.name}, ${stream}, ${event.id})
                on conflict do nothing returning event_id`,
          );
          if (!fresh.length) continue;
          await consumer.handle(tx, event);
          n++;
        }
        return n;
      });
      await hooks.afterApply?.(consumer.name, stream, applied);
    } catch (err) {
      // A failure we see hands the batch back at once; a process that dies leaves it to the ack wait.
      for (const m of pulled) if (m.reply) nc.publish(m.reply, '-NAK');
      await nc.flush();
      throw err;
    }
    for (const m of pulled) if (m.reply) nc.publish(m.reply, '+ACK');
    // A round trip: the server has read every acknowledgement before the next pull is asked for.
    await nc.flush();
    return { fetched: pulled.length, applied };
  }

  /** Forgets inbox entries older than any redelivery or re-publication could be, at most hourly. */
  private async prune(consumer: ConsumerSpec, stream: string): Promise<void> {
    const key = `${consumer.name}:${stream}`;
    if (Date.now() - (this.pruned.get(key) ?? 0) < PRUNE_EVERY_MS) return;
    this.pruned.set(key, Date.now());
    await this.db.execute(
      sql`delete from ${ident(consumer.schema)}.event_inbox where consumer = ${consumer.name} and stream = ${stream}
          and applied_at < now() - ${INBOX_RETENTION}::interval`,
    );
  }
}

function toWire(row: OutboxRow): WireEvent {
  return {
    id: Number(row.id),
    type: row.type,
    personId: row.person_id,
    payload: typeof row.payload === 'string' ? (JSON.parse(row.payload) as Record<string, unknown>) : row.payload,
    occurredAt: String(row.occurred_at),
  };
}

function fromWire(stream: string, m: Msg): DomainEvent {
  // Written by `toWire` in the relay above: the only producer of these subjects.
  const w = m.json<WireEvent>();
  return { id: w.id, stream, type: w.type, personId: w.personId, payload: w.payload, occurredAt: w.occurredAt };
}
