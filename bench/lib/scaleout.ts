import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { randomSecrets, SUBGRAPHS, envPrefix, type SubgraphName } from '../../common/platform/config.js';
import { drizzleOn, openConnection, rows, type Connection } from '../../common/platform/db.js';
import { DECLARATION_EVENTS, STREAMS } from '../../common/platform/events/contracts.js';
import { writeOutbox } from '../../common/platform/events/postgres-transport.js';
import { runMigrations } from '../../common/platform/migrate.js';
import { GATEWAY_MIGRATIONS } from '../../gateway/db/repository.js';
import { DEV_KEYS, seedDevKeys } from '../../scripts/seed.js';

/**
 * Two of every process on one machine, as several machines would run them: two gateways (each with
 * its own list of subgraph instances) and two processes per subgraph, events through NATS JetStream,
 * rate limits through Redis, one PostgreSQL. Used by `npm run bench -- scaleout` and its test.
 */
export interface ScaleOutOptions {
  databaseUrl: string;
  /** Which subgraphs run, two processes each (all by default; the test starts only what it checks). */
  subgraphs?: readonly SubgraphName[];
  /** Whether two gateways run in front (they need every subgraph). */
  gateways?: boolean;
  /** How long one process may take to be ready (a loaded machine starts tsx slowly). */
  readyTimeoutMs?: number;
  /** First port of a free range; 2 × (subgraphs + 1) ports are used. */
  basePort: number;
  natsUrl?: string;
  redisUrl?: string;
  channelLimit: number;
}

export interface ScaleOut {
  gateways: string[];
  /** Base URLs (`http://host:port`) of each subgraph's instances. */
  instances: Partial<Record<SubgraphName, string[]>>;
  natsPrefix: string;
  metricsToken: string;
  connection: Connection;
  output: string[];
  stop(): Promise<void>;
}

const ENTRY = (name: SubgraphName | 'gateway') => (name === 'gateway' ? 'gateway/main.ts' : `subgraphs/${name}/main.ts`);

async function waitReady(url: string, child: ChildProcess, output: string[], timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode} before ${url} was ready:\n${output.join('').slice(-2000)}`);
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} not ready in ${timeoutMs} ms:\n${output.join("").slice(-2000)}`);
}

export async function startScaleOut(opts: ScaleOutOptions): Promise<ScaleOut> {
  const secrets = randomSecrets();
  const natsPrefix = `hcgscale_${randomBytes(4).toString('hex')}`;
  const metricsToken = randomBytes(16).toString('hex');
  const output: string[] = [];
  const children: ChildProcess[] = [];
  const base: Record<string, string> = {
    ...(Object.fromEntries(Object.entries(process.env).filter(([k]) => /^(PATH|HOME|TMPDIR|LANG)$/.test(k))) as Record<string, string>),
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.SCALEOUT_LOG_LEVEL ?? 'warn',
    DATABASE_URL: opts.databaseUrl,
    DATABASE_POOL_SIZE: '4',
    GATEWAY_SECRET: secrets.gatewaySecret,
    DOCUMENT_ENCRYPTION_KEY: secrets.documentEncryptionKey.toString('base64'),
    DOCUMENT_INDEX_KEY: secrets.documentIndexKey.toString('base64'),
    CODE_SIGNING_KEYS: JSON.stringify({ keys: secrets.codeSigningKeys }),
    METRICS_TOKEN: metricsToken,
    PERSISTED_OPERATIONS: 'off',
    EVENT_TRANSPORT: 'nats',
    NATS_URL: opts.natsUrl ?? 'nats://127.0.0.1:4222',
    NATS_PREFIX: natsPrefix,
    RATE_LIMITS: `channel=${opts.channelLimit}`,
    RATE_LIMIT_REDIS_URL: opts.redisUrl ?? 'redis://127.0.0.1:6379',
  };
  const start = (name: SubgraphName | 'gateway', env: Record<string, string>) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY(name)], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d: Buffer) => output.push(`[${name}] ${d.toString()}`));
    child.stderr!.on('data', (d: Buffer) => output.push(`[${name}] ${d.toString()}`));
    children.push(child);
    return child;
  };
  const stop = async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
          }),
      ),
    );
    await connection.close();
  };

  const connection = await openConnection({ url: opts.databaseUrl, poolSize: 4 });
  try {
    const running = opts.subgraphs ?? SUBGRAPHS;
    const timeout = opts.readyTimeoutMs ?? 120_000;
    let port = opts.basePort;
    const instances: Partial<Record<SubgraphName, string[]>> = {};
    // The first instance of each migrates its own schema; the second starts on a migrated one.
    for (let round = 0; round < 2; round++) {
      await Promise.all(
        running.map((n) => {
          const p = port++;
          const url = `http://127.0.0.1:${p}`;
          (instances[n] ??= []).push(url);
          return waitReady(`${url}/readyz`, start(n, { [`${envPrefix(n)}_PORT`]: String(p) }), output, timeout);
        }),
      );
    }
    const gateways: string[] = [];
    if (opts.gateways ?? true) {
      const gatewayDb = drizzleOn(connection, 'gateway');
      await runMigrations(gatewayDb, 'gateway', GATEWAY_MIGRATIONS);
      await seedDevKeys(gatewayDb, drizzleOn(connection, 'health-status'));
      await Promise.all(
        [0, 1].map((i) => {
          const p = port++;
          gateways.push(`http://127.0.0.1:${p}/graphql`);
          // Gateway i calls instance i of each subgraph.
          const urls = Object.fromEntries(SUBGRAPHS.map((n) => [`${envPrefix(n)}_URL`, `${instances[n]![i]}/graphql`]));
          return waitReady(`http://127.0.0.1:${p}/readyz`, start('gateway', { GATEWAY_PORT: String(p), ...urls }), output, timeout);
        }),
      );
    }
    return { gateways, instances, natsPrefix, metricsToken, connection, output, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

export const channelKey = DEV_KEYS.find((k) => k.id === 'dev-channel-alipay')!.key;

/** One channel user's `me` through the given gateways in turn; answers how many were refused as RATE_LIMITED. */
export async function rateLimitRun(gateways: string[], requests: number): Promise<{ accepted: number; limited: number; perGateway: number[] }> {
  const user = `scale-${randomUUID()}`;
  let limited = 0;
  const perGateway = gateways.map(() => 0);
  for (let i = 0; i < requests; i++) {
    const g = i % gateways.length;
    const res = await fetch(gateways[g]!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': channelKey, 'x-channel-user': user },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    if (body.errors?.some((e) => e.extensions?.code === 'RATE_LIMITED')) limited++;
    else perGateway[g]!++;
  }
  return { accepted: requests - limited, limited, perGateway };
}

/**
 * Writes `n` DeclarationRecorded events to the declarations outbox, as the declarations subgraph
 * does, and waits until health-status has applied them; answers what each process applied and how
 * often each person's declaration was received (exactly once each, if delivery is right).
 */
export async function consumeRun(s: ScaleOut, n: number, timeoutMs = 60_000): Promise<{ perProcess: number[]; received: number; twice: number; ms: number }> {
  const db = drizzleOn(s.connection, 'declarations').db;
  const before = await Promise.all(s.instances['health-status']!.map((u) => applied(u, s.metricsToken)));
  const ids = Array.from({ length: n }, () => randomUUID());
  const t0 = Date.now();
  for (let i = 0; i < n; i += 100) {
    await db.transaction(async (tx) => {
      await writeOutbox(
        tx,
        STREAMS.declarations,
        ids.slice(i, i + 100).map((personId) => ({
          type: DECLARATION_EVENTS.DeclarationRecorded,
          personId,
          payload: { declarationId: randomUUID(), personId, localDate: '2026-11-26', version: 1, temperature: 36.5, symptoms: [], exposures: [], normal: true, submittedAt: '2026-11-26T08:00:00.000+08:00' },
        })),
      );
    });
  }
  const hs = drizzleOn(s.connection, 'health-status').db;
  const count = async () => {
    const [r] = await rows<{ received: number; twice: number }>(
      hs,
      sql`select count(*)::int as received, count(*) filter (where versions_received > 1)::int as twice
          from health_status.day_facts where person_id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`,
    );
    return r!;
  };
  let seen = await count();
  while (seen.received < n && Date.now() - t0 < timeoutMs) {
    await new Promise((r) => setTimeout(r, 100));
    seen = await count();
  }
  const ms = Date.now() - t0;
  // A consumer counts a batch once its transaction has committed, so the rows can be seen a moment
  // before the counters move: wait for them (a count that never reaches n still fails the caller).
  const delta = async () => (await Promise.all(s.instances['health-status']!.map((u) => applied(u, s.metricsToken)))).map((a, i) => a - before[i]!);
  let perProcess = await delta();
  for (const settle = Date.now() + 5000; perProcess.reduce((a, b) => a + b, 0) < seen.received && Date.now() < settle; perProcess = await delta()) {
    await new Promise((r) => setTimeout(r, 50));
  }
  return { perProcess, received: seen.received, twice: seen.twice, ms };
}

/** Events the health-status consumer in this process has applied, from its `/metrics`. */
async function applied(baseUrl: string, token: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } })).text();
  const line = text.split('\n').find((l) => l.startsWith('hcg_events_applied_total{consumer="health-status"}'));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/** Deletes the run's JetStream stream. */
export async function dropStream(prefix: string, natsUrl = 'nats://127.0.0.1:4222'): Promise<void> {
  const nc = await connect({ servers: natsUrl, reconnect: false });
  try {
    await (await jetstreamManager(nc)).streams.delete(`${prefix}_events`).catch(() => false);
  } finally {
    await nc.close();
  }
}
