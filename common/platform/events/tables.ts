import { sql } from 'drizzle-orm';
import { bigint, bigserial, customType, index, jsonb, primaryKey, text, timestamp, uuid, type PgSchema } from 'drizzle-orm/pg-core';

/**
 * PostgreSQL's 64-bit transaction id. Events are ordered by the id of the transaction that wrote
 * them, so a consumer can tell which part of the log is settled (every writer below the oldest
 * running transaction has finished) and never skips an event that commits late.
 */
export const xid8 = customType<{ data: string; driverData: string }>({
  dataType: () => 'xid8',
});

/**
 * A producer's outbox: domain events written in the same transaction as the change they report.
 * `access_events` is a second outbox of the same shape for reads of people's data (see
 * `common/domain/access-log.ts`), so the consumers of domain events never wade through them.
 */
export function eventsTable(schema: PgSchema, name: 'events' | 'access_events' = 'events') {
  return schema.table(
    name,
    {
      id: bigserial('id', { mode: 'number' }).primaryKey(),
      txid: xid8('txid').notNull().default(sql`pg_current_xact_id()`),
      type: text('type').notNull(),
      personId: uuid('person_id'),
      payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
      occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
      /** When a broker relay (EVENT_TRANSPORT=nats) handed the event to the broker; unused on PostgreSQL. */
      publishedAt: timestamp('published_at', { withTimezone: true, mode: 'string' }),
    },
    // The relay reads only what it has not handed over yet: a partial index keeps that read small
    // however long the outbox grows.
    (t) => [index().on(t.txid, t.id), index(`${name}_unpublished_idx`).on(t.id).where(sql`${t.publishedAt} is null`)],
  );
}

/** A consumer's position in each stream it reads, advanced only over the settled part of the log. */
export function eventOffsetsTable(schema: PgSchema) {
  return schema.table(
    'event_offsets',
    {
      consumer: text('consumer').notNull(),
      stream: text('stream').notNull(),
      txid: xid8('txid').notNull().default(sql`'0'::xid8`),
      lastId: bigint('last_id', { mode: 'number' }).notNull().default(0),
      updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    },
    (t) => [primaryKey({ columns: [t.consumer, t.stream] })],
  );
}

/** Events applied beyond the consumer's offset, so that delivering one again changes nothing. */
export function eventInboxTable(schema: PgSchema) {
  return schema.table(
    'event_inbox',
    {
      consumer: text('consumer').notNull(),
      stream: text('stream').notNull(),
      eventId: bigint('event_id', { mode: 'number' }).notNull(),
      appliedAt: timestamp('applied_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    },
    (t) => [primaryKey({ columns: [t.consumer, t.stream, t.eventId] })],
  );
}
