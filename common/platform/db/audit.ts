import { sql, type SQLWrapper } from 'drizzle-orm';
import type { WithSubquery } from 'drizzle-orm/subquery';
import { bigserial, getTableConfig, index, jsonb, text, timestamp, uuid, type PgSchema } from 'drizzle-orm/pg-core';
import { accessEventOf } from '../../domain/access-log.js';
import type { AuditRecord } from '../audit.js';
import type { Executor } from '../db.js';
import { ACCESS_EVENTS } from '../events/contracts.js';
import { outboxInsert } from '../events/postgres-transport.js';

/**
 * The append-only audit log, one per owner schema (a trigger added by each owner's migration
 * refuses UPDATE and DELETE). Who did what to whom, when, through which credential.
 */
export function auditLogTable(schema: PgSchema) {
  return schema.table(
    'audit_log',
    {
      id: bigserial('id', { mode: 'number' }).primaryKey(),
      at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
      principalKind: text('principal_kind').notNull(),
      principalSubject: text('principal_subject').notNull(),
      channelUser: text('channel_user'),
      credentialId: text('credential_id'),
      action: text('action').notNull(),
      personId: uuid('person_id'),
      detail: jsonb('detail').$type<Record<string, unknown>>(),
    },
    (t) => [index().on(t.personId, t.at), index().on(t.at)],
  );
}

/** SQL for the trigger that makes an audit table append-only; used in custom migrations. */
export function appendOnlyTriggerSql(pgSchema: string): string {
  return `CREATE OR REPLACE FUNCTION "${pgSchema}".audit_log_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "${pgSchema}".audit_log
  FOR EACH ROW EXECUTE FUNCTION "${pgSchema}".audit_log_append_only();`;
}

export type AuditLogTable = ReturnType<typeof auditLogTable>;

/** The access-log events of the rows about a person read by someone else. */
function accessEventsOf(entries: AuditRecord[]) {
  return entries.flatMap((e) => {
    const payload = accessEventOf(e);
    return payload ? [{ type: ACCESS_EVENTS.PersonDataAccessed, personId: payload.personId, payload: { ...payload } }] : [];
  });
}

const accessOutbox = (table: AuditLogTable) => `${getTableConfig(table).schema}.access_events`;

/**
 * Writes audit rows, and for each row that belongs in a person's access log an event on the owner's
 * access outbox (`<schema>.access_events`), in one statement: the rows and their events exist
 * together or not at all, and the read path's drain stays one round trip. No NOTIFY: the person's
 * own read of the log brings identity up to date (`fresh`), and its consumer polls otherwise.
 */
/** `alongside`: a drizzle insert builder (embedded bracketed) written in the same statement. */
export async function writeAudit(ex: Executor, table: AuditLogTable, entries: AuditRecord[], alongside?: SQLWrapper): Promise<void> {
  if (!entries.length) {
    if (alongside) await ex.execute(sql`with alongside as ${alongside} select 1`);
    return;
  }
  const insert = ex.insert(table).values(entries);
  const accessed = accessEventsOf(entries);
  // A change that reads a person's data (a checkpoint's scan) rides in the same statement as its audit.
  const first = alongside ? sql`alongside as ${alongside}, ` : sql``;
  if (!accessed.length) {
    if (alongside) await ex.execute(sql`with ${first}audit as ${insert} select 1`);
    else await insert;
    return;
  }
  // A data-modifying WITH runs whether or not the main statement reads it (drizzle brackets the insert).
  await ex.execute(sql`with ${first}audit as ${insert} ${outboxInsert(accessOutbox(table), accessed)}`);
}

/**
 * The same rows and events as common table expressions of a read (`db.with(...ctes).select(...)`), so a
 * read and its audit are one statement: PostgreSQL runs a data-modifying WITH whether or not the
 * select reads it. None when there is nothing to audit, and the read stays a plain select.
 */
export function auditCtes(ex: Executor, table: AuditLogTable, entries: AuditRecord[]): WithSubquery[] {
  if (!entries.length) return [];
  const ctes: WithSubquery[] = [ex.$with('audit').as(ex.insert(table).values(entries))];
  const accessed = accessEventsOf(entries);
  if (accessed.length) ctes.push(ex.$with('access_event', {}).as(outboxInsert(accessOutbox(table), accessed)));
  return ctes;
}
