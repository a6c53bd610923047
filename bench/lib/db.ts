import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openConnection, type Connection } from '../../common/platform/db.js';

/**
 * Benchmark databases on a real PostgreSQL: DATABASE_URL, or the local server with trust auth. Each
 * benchmark creates `hcg_bench_<random>` and drops it at the end, on failure and on Ctrl-C too.
 */
export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export function adminUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_ADMIN_URL;
}

function urlFor(database: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdmin<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(adminUrl(), { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export interface BenchDatabase {
  name: string;
  url: string;
  connection: Connection;
  /** Closes the connection and drops the database; safe to call twice. */
  drop(): Promise<void>;
}

/** Databases this process created and has not dropped yet: dropped on SIGINT/SIGTERM. */
const live = new Map<string, BenchDatabase>();
/** Other leftovers (generated files) removed on SIGINT/SIGTERM, before the databases are dropped. */
const cleanups = new Set<() => void>();
let handlersInstalled = false;

/** Runs `cleanup` (synchronous) if the benchmark is interrupted; the answer unregisters it. */
export function cleanUpOnInterrupt(cleanup: () => void): () => void {
  installSignalHandlers();
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const cleanup of cleanups) {
        try {
          cleanup();
        } catch (err) {
          console.error(`${signal}: clean-up failed: ${String(err)}`);
        }
      }
      console.error(`\n${signal}: dropping ${live.size} benchmark database(s)…`);
      const timer = setTimeout(() => process.exit(130), 15_000);
      timer.unref();
      void Promise.allSettled([...live.values()].map((d) => d.drop())).finally(() => process.exit(130));
    });
  }
}

export async function serverVersion(): Promise<string> {
  return withAdmin(async (sql) => (await sql<{ v: string }[]>`select current_setting('server_version') as v`)[0]!.v);
}

/** A fresh, empty database (the stack migrates it at start), with a pool of `poolSize` connections. */
export async function createBenchDatabase(poolSize: number): Promise<BenchDatabase> {
  installSignalHandlers();
  const name = `hcg_bench_${randomBytes(6).toString('hex')}`;
  await withAdmin((sql) => sql.unsafe(`create database "${name}"`));
  const url = urlFor(name);
  let connection: Connection;
  try {
    connection = await openConnection({ url, poolSize });
  } catch (err) {
    await withAdmin((sql) => sql.unsafe(`drop database if exists "${name}" with (force)`));
    throw err;
  }
  let dropped: Promise<void> | undefined;
  const db: BenchDatabase = {
    name,
    url,
    connection,
    drop: () =>
      (dropped ??= (async () => {
        try {
          await connection.close();
        } catch {
          // The drop below forces the remaining sessions out anyway.
        }
        await withAdmin((sql) => sql.unsafe(`drop database if exists "${name}" with (force)`));
        live.delete(name);
      })()),
  };
  live.set(name, db);
  return db;
}
