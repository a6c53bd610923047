import { lt, sql, type SQL } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../db.js';
import type { RetentionKind, RetentionStep } from '../../domain/retention.js';
import type { AuditLogTable } from './audit.js';
import type { eventsTable } from '../events/tables.js';

/**
 * Deletes at most `limit` rows of `table` matching `where` and answers how many: the batch the
 * retention job deletes per transaction. Rows are picked by `ctid`, so one statement serves any
 * table whatever its key, and the delete itself is a TID scan of the rows picked.
 */
export async function deleteBatch(ex: Executor, table: PgTable, where: SQL, limit: number): Promise<number> {
  const deleted = await ex
    .delete(table)
    .where(sql`ctid = any(array(select ctid from ${table} where ${where} limit ${limit}))`)
    .returning({ one: sql<number>`1` });
  return deleted.length;
}

/** The table's `schema.name`, as the retention job's audit rows name it. */
export function tableName(table: PgTable): string {
  const c = getTableConfig(table);
  return `${c.schema ?? 'public'}.${c.name}`;
}

/** A retention step deleting `table`'s rows matching `where(cut)`. */
export function retentionStep(kind: RetentionKind, table: PgTable, where: (cut: { date: string; instant: string }) => SQL): RetentionStep {
  return { kind, table: tableName(table), purge: (tx, cut, limit) => deleteBatch(tx, table, where(cut), limit) };
}

/**
 * The audit log's entries past their end date. The table's trigger refuses every DELETE unless the
 * transaction says it is the retention job's (migration `*_retention.sql`).
 */
export function auditLogRetention(table: AuditLogTable): RetentionStep {
  return {
    kind: 'AUDIT_LOG',
    table: tableName(table),
    purge: async (tx, cut, limit) => {
      await tx.execute(sql`select set_config('hcg.retention', 'on', true)`);
      return deleteBatch(tx, table, lt(table.at, cut.instant), limit);
    },
  };
}

/** The access-log events on a producer's access outbox, past the access log's end date. */
export function accessEventsRetention(table: ReturnType<typeof eventsTable>): RetentionStep {
  return retentionStep('ACCESS_LOG', table, (cut) => lt(table.occurredAt, cut.instant));
}
