import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openConnection } from '../../common/platform/db.js';
import { migrateAll } from '../../scripts/stack.js';
import { admin, adminUrl, assertReachable, dropDatabasesLike, templateDb, testDbPrefix, urlFor } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgRunId: string;
    /** On PGlite: the file holding the migrated template's data directory (a `dumpDataDir` tarball). */
    pgliteTemplate: string;
  }
}

const runId = randomBytes(4).toString('hex');
const written: string[] = [];

/**
 * Builds, once per run, the migrated template every test file's database starts from, so no file
 * replays the migrations. On PostgreSQL: check the server is there (an unreachable database fails
 * the run, in CI and everywhere) and migrate a template database each file clones. On PGlite:
 * migrate an in-memory database and dump its data directory to a file each file loads; loading it
 * also skips PGlite's initdb, which costs more than the migrations themselves.
 */
export async function setup(project: TestProject): Promise<void> {
  project.provide('pgRunId', runId);
  if (!adminUrl()) {
    // The faults project runs on PostgreSQL only (PGlite lives inside one process): nothing to build.
    if (project.name === 'faults') return project.provide('pgliteTemplate', '');
    const file = join(tmpdir(), `hcg-pglite-template-${runId}-${project.name}.tar`);
    const connection = await openConnection({ pgliteDir: 'memory://' });
    try {
      await migrateAll(connection);
      const dump = await connection.pglite!.dumpDataDir('none');
      writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    } finally {
      await connection.close();
    }
    written.push(file);
    project.provide('pgliteTemplate', file);
    return;
  }
  project.provide('pgliteTemplate', '');
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
  for (const file of written.splice(0)) rmSync(file, { force: true });
  if (adminUrl()) await dropDatabasesLike(testDbPrefix(runId));
}
