import { randomBytes } from 'node:crypto';
import { openConnection, type Connection } from '../../common/db.js';
import { inject } from 'vitest';
import { admin, adminUrl, templateDb, testDbPrefix, urlFor } from './postgres.js';

export interface TestDatabase {
  connection: Connection;
  driver: 'pglite' | 'postgres';
  /** Closes the connection and, on PostgreSQL, drops the database. */
  drop(): Promise<void>;
}

/**
 * A database of the test file's own: a fresh in-memory PGlite, or on PostgreSQL a clone of the
 * migrated template. Either way the schema is current; on PGlite the stack migrates it at start.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!adminUrl()) {
    const connection = await openConnection({ pgliteDir: 'memory://' });
    return { connection, driver: 'pglite', drop: () => connection.close() };
  }
  const runId = inject('pgRunId');
  const name = `${testDbPrefix(runId)}${randomBytes(6).toString('hex')}`;
  const sql = admin();
  try {
    await sql.unsafe(`create database "${name}" template "${templateDb(runId)}"`);
  } finally {
    await sql.end();
  }
  const connection = await openConnection({ url: urlFor(name), poolSize: 10 });
  return {
    connection,
    driver: 'postgres',
    drop: async () => {
      await connection.close();
      const s = admin();
      try {
        await s.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await s.end();
      }
    },
  };
}
