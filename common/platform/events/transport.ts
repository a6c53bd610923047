import type { SQL } from 'drizzle-orm';
import type { Executor } from '../db.js';

/** An event as a producer writes it. */
export interface NewEvent {
  type: string;
  personId?: string | null;
  payload: Record<string, unknown>;
}

/** An event as a consumer receives it. `id` is unique within its stream. */
export interface DomainEvent<P = Record<string, unknown>> {
  id: number;
  stream: string;
  type: string;
  personId: string | null;
  payload: P;
  occurredAt: string;
}

/** Who reads which streams, where it keeps its bookkeeping, and what it does with an event. */
export interface ConsumerSpec {
  /** Stable consumer name; its position is kept under it. */
  name: string;
  /** The consumer's own Postgres schema, which holds its `event_offsets` and `event_inbox`. */
  schema: string;
  /** Producer streams (producer schema names) it reads, e.g. `['identity', 'declarations']`. */
  streams: readonly string[];
  /** Applies one event inside the consumer's transaction. Must not commit or call out. */
  handle(tx: Executor, event: DomainEvent): Promise<void>;
}

/** A place to stop between applying and acknowledging, for the crash test. */
export interface DeliveryHooks {
  afterApply?(consumer: string, stream: string, applied: number): Promise<void> | void;
}

/**
 * The one interface the rest of the code knows. The PostgreSQL implementation (an outbox table per
 * producer, LISTEN/NOTIFY to wake consumers) can be replaced by a broker (NATS JetStream, Kafka)
 * without touching producers or consumers.
 */
export interface EventTransport {
  /** Appends events to `stream` inside the caller's transaction: they exist if and only if it commits. */
  publish(tx: Executor, stream: string, events: NewEvent[]): Promise<void>;
  /** Cheap check: has the consumer anything to apply? */
  pending(consumer: ConsumerSpec): Promise<boolean>;
  /**
   * The same check as an SQL expression (a `text[]` of the streams with something to apply), for a
   * read to carry in its own select list: read-your-writes without a round trip of its own. A
   * transport whose log is not in the database leaves it out, and readers call `pending` first.
   */
  pendingStreams?(consumer: ConsumerSpec): SQL<string[]>;
  /**
   * Applies every pending event of the consumer's streams, in stream order, each one exactly once
   * per successful transaction (at-least-once delivery, made idempotent by the consumer's inbox).
   * Answers how many events were applied.
   */
  deliver(consumer: ConsumerSpec, hooks?: DeliveryHooks): Promise<number>;
  /** Calls `wake(stream)` when a stream may have new events; resolves to an unsubscribe function. */
  subscribe(wake: (stream: string) => void): Promise<() => Promise<void>>;
}
