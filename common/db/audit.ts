import { bigserial, index, jsonb, text, timestamp, uuid, type PgSchema } from 'drizzle-orm/pg-core';

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
