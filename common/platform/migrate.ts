import { createHash } from 'node:crypto';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { DatabaseHandle } from './db.js';

/**
 * Applies one owner's drizzle-kit migrations, recording them in that owner's own Postgres schema so
 * that owners never share a migrations table. Several processes may start at once against one
 * PostgreSQL: an advisory lock per owner lets exactly one of them migrate.
 */
export async function runMigrations(handle: DatabaseHandle, owner: string, migrationsFolder: string): Promise<void> {
  const pgSchema = owner.replace('-', '_');
  const config = { migrationsFolder, migrationsSchema: pgSchema, migrationsTable: '__drizzle_migrations' };
  if (handle.connection.driver === 'pglite') {
    await migratePglite(handle.db as unknown as PgliteDatabase, config);
    return;
  }
  const sql = handle.connection.sql!;
  const lockKey = createHash('sha256').update(`migrate:${pgSchema}`).digest().readBigInt64BE(0).toString();
  // A session lock on a reserved connection; the migrator runs on another connection of the pool.
  const reserved = await sql.reserve();
  try {
    await reserved`select pg_advisory_lock(${lockKey}::bigint)`;
    await migratePostgres(handle.db as unknown as PostgresJsDatabase, config);
  } finally {
    await reserved`select pg_advisory_unlock(${lockKey}::bigint)`;
    reserved.release();
  }
}
