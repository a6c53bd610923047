import { loadConfig, randomSecrets, type Config } from '../../common/platform/config.js';
import { createLogger, type Logger } from '../../common/platform/logger.js';
import { DEV_KEYS, seedDevKeys } from '../../scripts/seed.js';
import { startStack, type Stack } from '../../scripts/stack.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export type DevKey = (typeof DEV_KEYS)[number]['id'];

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; reason?: string; [k: string]: unknown }; path?: (string | number)[] }[];
}

export interface Caller {
  key?: string;
  channelUser?: string;
  headers?: Record<string, string>;
}

export interface TestStack {
  stack: Stack;
  config: Config;
  database: TestDatabase;
  clock: TestClock;
  /** Sends one GraphQL request to `url` (the gateway by default) as the given caller. */
  gql<T = Record<string, unknown>>(caller: Caller, query: string, variables?: Record<string, unknown>, url?: string): Promise<GqlResult<T>>;
  /** A caller holding one of the development keys; channels also name their user. */
  as(id: DevKey, channelUser?: string): Caller;
  close(): Promise<void>;
}

/**
 * Where a test clock starts unless the test says: TEST_CLOCK (an ISO instant) when set, so the
 * whole suite can be run at any hour of the province's day (`TEST_CLOCK=2026-11-20T23:30:00+08:00`).
 */
export function testClockStart(): number {
  const at = process.env.TEST_CLOCK;
  if (!at) return Date.now();
  const t = Date.parse(at);
  if (Number.isNaN(t)) throw new Error(`TEST_CLOCK is not an ISO instant: ${at}`);
  return t;
}

/** A clock tests can move: days pass without waiting for them. */
export class TestClock {
  constructor(private t = testClockStart()) {}
  now = (): Date => new Date(this.t);
  set(iso: string): void {
    this.t = Date.parse(iso);
  }
  advanceDays(n: number): void {
    this.t += n * 24 * 60 * 60 * 1000;
  }
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: '/nonexistent', ...overrides });
  return { ...config, secrets: randomSecrets() };
}

/** The whole graph on ephemeral ports over a database of the test file's own. */
export async function startTestStack(overrides: Record<string, string> = {}, opts: { clock?: TestClock; secrets?: Config['secrets']; database?: TestDatabase; production?: boolean; logger?: Logger } = {}): Promise<TestStack> {
  const config = testConfig(overrides);
  // Production's behaviour (no introspection, masked errors) without its required secrets and PostgreSQL.
  if (opts.production) Object.assign(config, { env: 'production', production: true });
  if (opts.secrets) config.secrets = opts.secrets;
  const database = opts.database ?? (await createTestDatabase());
  const clock = opts.clock ?? new TestClock();
  const stack = await startStack({ config, logger: opts.logger ?? createLogger('silent'), connection: database.connection, ephemeralPorts: true, clock: clock.now });
  await seedDevKeys(stack.db.gateway, stack.db['health-status']);
  const gql: TestStack['gql'] = async (caller, query, variables, url = stack.gateway.url) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...caller.headers };
    if (caller.key) headers['x-api-key'] = caller.key;
    if (caller.channelUser) headers['x-channel-user'] = caller.channelUser;
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as Omit<GqlResult, 'status'>;
    return { status: res.status, ...body } as GqlResult<never>;
  };
  return {
    stack,
    config,
    database,
    clock,
    gql,
    as: (id, channelUser) => ({ key: DEV_KEYS.find((k) => k.id === id)!.key, channelUser }),
    close: async () => {
      await stack.close();
      if (!opts.database) await database.drop();
    },
  };
}
