import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { openConnection, type Connection } from '../../common/platform/db.js';
import { inject } from 'vitest';
import { admin, adminUrl, templateDb, testDbPrefix, urlFor } from './postgres.js';

export interface TestDatabase {
  connection: Connection;
  driver: 'pglite' | 'postgres';
  /** On PostgreSQL, the database's URL (for a process of its own, such as a CLI under test). */
  url?: string;
  /** Closes the connection and, on PostgreSQL, drops the database. */
  drop(): Promise<void>;
}

/**
 * A database of the test file's own, a copy of the run's migrated template (test/helpers/global-setup.ts):
 * an in-memory PGlite loaded from the template's dumped data directory, or on PostgreSQL a database
 * cloned from the template database. Either way the schema is current before the stack starts, and
 * its migrations find nothing left to apply.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!adminUrl()) {
    const template = inject('pgliteTemplate');
    // Without a template (a file run outside the projects' global setup) the stack migrates an empty database.
    const pgliteData = template ? new Blob([readFileSync(template)]) : undefined;
    const connection = await openConnection({ pgliteDir: 'memory://', pgliteData });
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
    url: urlFor(name),
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
