import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { openConnection } from '../../common/db.js';
import { migrateAll } from '../../scripts/stack.js';
import { admin, adminUrl, assertReachable, dropDatabasesLike, templateDb, testDbPrefix, urlFor } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgRunId: string;
  }
}

const runId = randomBytes(4).toString('hex');

/**
 * On PostgreSQL: check the server is there (an unreachable database fails the run, in CI and
 * everywhere) and build the migrated template every test file clones. On PGlite each test file
 * makes its own in-memory database and nothing happens here.
 */
export async function setup(project: TestProject): Promise<void> {
  project.provide('pgRunId', runId);
  if (!adminUrl()) return;
  await assertReachable();
  const sql = admin();
  try {
    await sql.unsafe(`create database "${templateDb(runId)}"`);
  } finally {
    await sql.end();
  }
  const connection = await openConnection({ url: urlFor(templateDb(runId)), poolSize: 2 });
  try {
    await migrateAll(connection);
  } finally {
    await connection.close();
  }
}

export async function teardown(): Promise<void> {
  if (adminUrl()) await dropDatabasesLike(testDbPrefix(runId));
}
