import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql as sqlTag, type SQL } from 'drizzle-orm';
import type { Logger } from 'drizzle-orm/logger';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { lockDataDirectory } from './db-lock.js';
import { sqlStatements } from './metrics.js';

/**
 * One code path, two drivers: the embedded PGlite when no DATABASE_URL is given (development, the
 * default test run) and the `postgres` driver against a real PostgreSQL otherwise. Repositories only
 * ever see `Database`, the driver-neutral drizzle type.
 */
export type Database = PgDatabase<PgQueryResultHKT, Record<string, never>>;
export type Transaction = PgTransaction<PgQueryResultHKT, Record<string, never>, never>;
/** Either the database or an open transaction on it; repositories accept both. */
export type Executor = Database | Transaction;

export type Driver = 'pglite' | 'postgres';

/** The raw connection, shared by every drizzle handle made on it. */
export interface Connection {
  driver: Driver;
  /** The PostgreSQL URL this connection was opened with (absent on PGlite). */
  url?: string;
  pglite?: PGlite;
  sql?: postgres.Sql;
  /** The client drizzle is given: `sql`, preparing its statements unless turned off. */
  drizzleClient?: postgres.Sql;
  /** Runs raw SQL outside drizzle (migrations, LISTEN), returning rows. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Subscribes to NOTIFY on a channel; resolves to an unsubscribe function. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL URL; when absent PGlite is used. */
  url?: string;
  /** PGlite data directory, or `memory://` for an in-memory database. */
  pgliteDir?: string;
  /** A PGlite data directory dumped by `dumpDataDir` to start from (tests: a migrated template), instead of an empty one. */
  pgliteData?: Blob;
  poolSize?: number;
  /** PostgreSQL's `application_name` for this pool's connections: how `pg_stat_activity` tells its pool apart. */
  applicationName?: string;
  /** Named prepared statements for every drizzle statement (default true); see `preparing`. */
  prepare?: boolean;
}

/**
 * drizzle asks postgres.js for an unnamed statement unless a query is built with `.prepare(name)`,
 * and postgres.js sends an unnamed statement that has parameters in two round trips (Parse and
 * Describe, then Bind and Execute) that PostgreSQL parses and plans every time. Prepared, a statement
 * is parsed once per connection and every later call is one round trip on the cached plan; postgres.js
 * keeps the cache per connection (gone with the connection, at the latest at its `max_lifetime`) and
 * re-prepares when a migration invalidates a plan. This hands drizzle a client that always prepares,
 * inside transactions and savepoints too. Off (`DATABASE_PREPARE=false`) behind a pooler that cannot
 * keep named statements (PgBouncer in transaction mode before 1.21).
 */
function preparing(sql: postgres.Sql): postgres.Sql {
  type Unsafe = postgres.Sql['unsafe'];
  type Scoped = (...args: unknown[]) => unknown;
  return new Proxy(sql, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') {
        const unsafe: Unsafe = (query, params, options) => target.unsafe(query, params, { ...options, prepare: true });
        return unsafe;
      }
      if (prop === 'begin' || prop === 'savepoint') {
        // The transaction's own client is handed to the callback, the last argument; wrap it the same way.
        const open = Reflect.get(target, prop, receiver) as Scoped;
        return (...args: unknown[]) => {
          const fn = args.at(-1) as (tx: postgres.Sql) => unknown;
          return open.apply(target, [...args.slice(0, -1), (tx: postgres.Sql) => fn(preparing(tx))]);
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

export async function openConnection(opts: OpenOptions): Promise<Connection> {
  if (opts.url) {
    const sql = postgres(opts.url, {
      max: opts.poolSize ?? 10,
      onnotice: () => {},
      ...(opts.applicationName ? { connection: { application_name: opts.applicationName } } : {}),
      // Dates travel as strings: the domain works in local calendar dates, never JS Date at midnight.
      types: { date: { to: 1082, from: [1082], serialize: (v: string) => v, parse: (v: string) => v } },
    });
    return {
      driver: 'postgres',
      url: opts.url,
      sql,
      drizzleClient: opts.prepare === false ? sql : preparing(sql),
      query: async <T>(text: string, params: unknown[] = []) =>
        (await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[],
      listen: async (channel, onNotify) => {
        const sub = await sql.listen(channel, onNotify);
        return () => sub.unlisten();
      },
      close: () => sql.end({ timeout: 5 }),
    };
  }
  const dir = opts.pgliteDir ?? 'memory://';
  let release = (): void => {};
  if (!dir.startsWith('memory://')) {
    mkdirSync(dir, { recursive: true });
    // Before PGlite reads a page: a second process must refuse, not work on a copy (SPEC §8).
    release = lockDataDirectory(dir);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dir, {
      parsers: { 1082: (v: string) => v },
      ...(opts.pgliteData ? { loadDataDir: opts.pgliteData } : {}),
    });
  } catch (err) {
    release();
    throw err;
  }
  return {
    driver: 'pglite',
    pglite,
    query: async <T>(text: string, params: unknown[] = []) =>
      params.length ? ((await pglite.query(text, params)).rows as T[]) : ((await pglite.exec(text)).at(-1)?.rows as T[]) ?? [],
    listen: async (channel, onNotify) => pglite.listen(channel, onNotify),
    close: async () => {
      try {
        await pglite.close();
      } finally {
        release();
      }
    },
  };
}

/**
 * Names the work a statement is sent for (e.g. `events` while a consumer applies other subgraphs'
 * events), so a budget can tell an operation's own statements from the consumer work it triggered.
 */
export const statementScope = new AsyncLocalStorage<string>();

/** The scope of work on a timer beside requests (the gateway's channel-usage flush): never an operation's cost. */
export const PERIODIC_SCOPE = 'periodic';

/**
 * Counts the statements a drizzle handle sends: a test asserts on it and /metrics exports it. Every
 * statement goes through drizzle's logger on both drivers; transaction control (BEGIN/COMMIT, which
 * the drivers send themselves) is counted apart in `transactions`.
 */
export class StatementCounter implements Logger {
  count = 0;
  /** Top-level transactions opened through the handle. */
  transactions = 0;
  /** Statements by their first keyword (`select`, `insert`, `update`, `delete`, ...): "a read never writes" is a count. */
  readonly byKind: Record<string, number> = {};
  /** Statements sent inside a named `statementScope`. */
  readonly byScope: Record<string, number> = {};
  private readonly metric;
  constructor(owner: string) {
    this.metric = sqlStatements.labels(owner);
  }
  /** What requests sent (with the event catch-up they trigger): every statement but periodic work's. */
  get forRequests(): number {
    return this.count - (this.byScope[PERIODIC_SCOPE] ?? 0);
  }
  logQuery(query: string): void {
    this.count++;
    const kind = /^\s*(\w+)/.exec(query)?.[1]?.toLowerCase() ?? 'other';
    this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
    const scope = statementScope.getStore();
    if (scope) this.byScope[scope] = (this.byScope[scope] ?? 0) + 1;
    this.metric.inc();
  }
}

export interface DatabaseHandle {
  db: Database;
  connection: Connection;
  statements: StatementCounter;
}

/** A drizzle handle on a connection for one owner; each owner's statements count apart. */
export function drizzleOn(connection: Connection, owner: string): DatabaseHandle {
  const statements = new StatementCounter(owner);
  const db = (
    connection.driver === 'postgres'
      ? drizzlePostgres({ client: connection.drizzleClient ?? connection.sql!, logger: statements })
      : drizzlePglite({ client: connection.pglite!, logger: statements })
  ) as unknown as Database; // both drivers implement PgDatabase; only their result HKT differs
  const transaction = db.transaction.bind(db);
  db.transaction = (fn, config) => {
    statements.transactions++;
    return transaction(fn, config);
  };
  return { db, connection, statements };
}

/** `db.execute` returns rows in a driver-specific wrapper; this gives the rows either way. */
export async function rows<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

/** Readiness probe: one round trip. */
export async function ping(db: Database): Promise<void> {
  await db.execute(sqlTag`select 1`);
}
