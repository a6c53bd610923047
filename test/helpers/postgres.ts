import postgres from 'postgres';

/**
 * Test databases on a real PostgreSQL (when DATABASE_URL is set): one migrated template per run,
 * one database per test file cloned from it with `CREATE DATABASE ... TEMPLATE`, as Immich does.
 * Names carry the run's id, so two runs on one server never touch each other's databases.
 */
export const templateDb = (runId: string) => `hcg_t_${runId}_template`;
export const testDbPrefix = (runId: string) => `hcg_t_${runId}_`;

export function adminUrl(): string | undefined {
  return process.env.DATABASE_URL || undefined;
}

export function urlFor(database: string): string {
  const url = new URL(adminUrl()!);
  url.pathname = `/${database}`;
  return url.toString();
}

export function admin(): postgres.Sql {
  return postgres(adminUrl()!, { max: 1, onnotice: () => {} });
}

/** Fails loudly, with what to do, when the PostgreSQL a run was pointed at is not there. */
export async function assertReachable(): Promise<void> {
  const sql = admin();
  try {
    await sql`select 1`;
  } catch (err) {
    throw new Error(
      `DATABASE_URL is set but PostgreSQL is unreachable (${(err as Error).message}). ` +
        'Start PostgreSQL or unset DATABASE_URL to run on PGlite.',
      { cause: err },
    );
  } finally {
    await sql.end();
  }
}

export async function dropDatabasesLike(prefix: string): Promise<void> {
  const sql = admin();
  try {
    const dbs = await sql<{ datname: string }[]>`select datname from pg_database where datname like ${`${prefix}%`}`;
    for (const { datname } of dbs) await sql.unsafe(`drop database if exists "${datname}" with (force)`);
  } finally {
    await sql.end();
  }
}
