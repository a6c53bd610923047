import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, randomSecrets, type Config } from '../../common/platform/config.js';
import type { EventConsumer } from '../../common/platform/events/consumer.js';
import { createLogger } from '../../common/platform/logger.js';
import { DEV_KEYS, seedDevKeys } from '../../scripts/seed.js';
import { startStack, type Stack } from '../../scripts/stack.js';
import { createBenchDatabase, type BenchDatabase } from './db.js';

export type DevKeyId = (typeof DEV_KEYS)[number]['id'];

export const devKey = (id: DevKeyId): string => DEV_KEYS.find((k) => k.id === id)!.key;

export interface Caller {
  key: string;
  channelUser?: string;
}

export interface GqlResponse<T> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface BenchStack {
  stack: Stack;
  config: Config;
  database: BenchDatabase;
  gatewayUrl: string;
  /** One GraphQL request over HTTP (the gateway unless `url` says otherwise). */
  gql<T>(caller: Caller, query: string, variables?: Record<string, unknown>, url?: string): Promise<GqlResponse<T>>;
  /** The event consumers that project identity (the background jobs the bulk seed pauses and fills for). */
  consumers: { 'health-status': EventConsumer; declarations: EventConsumer; eid: EventConsumer; interop: EventConsumer };
  close(): Promise<void>;
}

/** Pool size of the one connection pool every in-process service shares, as `npm start` does. */
export const poolSize = (): number => Number(process.env.DATABASE_POOL_SIZE ?? 10);

/**
 * The whole graph in this process on a fresh PostgreSQL database: ephemeral ports, silent logs,
 * random secrets (as test/helpers/stack.ts does), reference data and development keys seeded.
 */
export async function startBenchStack(overrides: Record<string, string> = {}): Promise<BenchStack> {
  // loadConfig writes development secrets under DATA_DIR outside production: keep them in a temp dir.
  const dataDir = mkdtempSync(join(tmpdir(), 'hcg-bench-'));
  const database = await createBenchDatabase(poolSize());
  let stack: Stack | undefined;
  try {
    const config: Config = {
      ...loadConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATA_DIR: dataDir,
        DATABASE_URL: database.url,
        DATABASE_POOL_SIZE: String(poolSize()),
        // Seeding 100k residents comes between token issue and the last scan: keep tokens valid.
        CODE_TOKEN_TTL_SECONDS: '1800',
        // One benchmark checkpoint stands for a province's worth of gates: per-principal limits off.
        RATE_LIMITS: 'off',
        ...overrides,
      }),
      secrets: randomSecrets(),
    };
    stack = await startStack({ config, logger: createLogger('silent'), connection: database.connection, ephemeralPorts: true });
    await seedDevKeys(stack.db.gateway, stack.db['health-status']);
    const started = stack;
    const gql: BenchStack['gql'] = async (caller, query, variables, url = started.gateway.url) => {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-api-key': caller.key };
      if (caller.channelUser) headers['x-channel-user'] = caller.channelUser;
      const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(120_000) });
      const text = await res.text();
      try {
        return { status: res.status, ...(JSON.parse(text) as object) } as never;
      } catch {
        return { status: res.status, errors: [{ message: `non-JSON answer: ${text.slice(0, 200)}` }] };
      }
    };
    const consumer = (name: 'health-status' | 'declarations' | 'eid' | 'interop') => started.modules[name].background![0] as unknown as EventConsumer;
    return {
      stack,
      config,
      database,
      gatewayUrl: stack.gateway.url,
      gql,
      consumers: { 'health-status': consumer('health-status'), declarations: consumer('declarations'), eid: consumer('eid'), interop: consumer('interop') },
      close: async () => {
        try {
          await started.close();
        } finally {
          await database.drop();
          rmSync(dataDir, { recursive: true, force: true });
        }
      },
    };
  } catch (err) {
    await stack?.close().catch(() => {});
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/** Runs `fn` over `items` with at most `limit` calls in flight, in order of the items. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}

/** `count` items spread evenly over `items` (deterministic). */
export function spread<T>(items: readonly T[], count: number): T[] {
  if (count >= items.length) return [...items];
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step)]!);
}
