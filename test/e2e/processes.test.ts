import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PERSISTED_OPERATIONS, randomSecrets, SUBGRAPHS, envPrefix } from '../../common/platform/config.js';
import { drizzleOn } from '../../common/platform/db.js';
import { runMigrations } from '../../common/platform/migrate.js';
import { GATEWAY_MIGRATIONS } from '../../gateway/db/repository.js';
import { DEV_KEYS, seedDevKeys } from '../../scripts/seed.js';
import { registerInput, residentId } from '../factories/people.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { adminUrl } from '../helpers/postgres.js';
import { entryOf } from '../helpers/processes.js';

/** Production runs the channel safelist: channels send the published operations, as a real app would. */
const SAFELISTED = (name: string): string =>
  (JSON.parse(readFileSync(DEFAULT_PERSISTED_OPERATIONS, 'utf8')) as { operations: { name: string; body: string }[] }).operations.find((o) => o.name === name)!.body;

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };

/** docs/operations.md's "Running each service on its own" shell block (the README links it): the steps a new operator follows. */
const README_STEPS = readFileSync(new URL('../../docs/operations.md', import.meta.url), 'utf8').split('## Running each service on its own')[1]!.split('```sh')[1]!.split('```')[0]!;
const README_ENV = [...README_STEPS.matchAll(/\b([A-Z][A-Z_]+)=(\S*)/g)].map((m) => ({ name: m[1]!, value: m[2]! }));
const README_SCRIPTS = [...README_STEPS.matchAll(/npm run (start:[\w-]+)/g)].map((m) => m[1]!);
/** The block's commands, backslash continuations joined and `#` comments dropped. */
const README_COMMANDS = README_STEPS.replace(/\\\n/g, ' ')
  .split('\n')
  .map((line) => line.replace(/\s+#.*$/, '').trim())
  .filter(Boolean);

/** A command's words as a POSIX shell splits them (quotes, and `\"` inside double quotes); no expansion. */
function shellWords(command: string): string[] {
  return [...command.matchAll(/'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((m) => m[1] ?? m[2]?.replace(/\\(["$\\])/g, '$1') ?? m[3]!);
}

/** A production start script: compiled JavaScript run by node itself (`node dist/...js`). */
function compiledEntryOf(script: string): string {
  const m = /^node (dist\/\S+\.js)$/.exec(pkg.scripts[script]!);
  if (!m) throw new Error(`${script} must run compiled JavaScript (node dist/...js), not ${pkg.scripts[script]}`);
  return m[1]!;
}

/** `npm run build` as the README runs it before starting anything. */
function build(): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', entryOf('build')], (err, stdout, stderr) => (err ? reject(new Error(`npm run build failed:\n${stdout}${stderr}`)) : resolve()));
  });
}

/** `npm run api-keys -- ...` as the README runs it; answers its exit code and output. */
function apiKeys(env: Record<string, string>, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', entryOf('api-keys'), ...args], { env }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitReady(url: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode} before ${url} was ready`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} not ready in ${timeoutMs} ms`);
}

/**
 * The production layout with real processes (what docker-compose.yml runs): four subgraph processes
 * and a gateway process, started by their npm scripts against PostgreSQL. PGlite lives inside one
 * process, so this layout exists only on PostgreSQL and the suite runs only there.
 */
describe.runIf(!!adminUrl())('the graph as five processes on PostgreSQL', () => {
  let db: TestDatabase;
  const children: ChildProcess[] = [];
  let gatewayUrl = '';
  const output: string[] = [];
  let env: Record<string, string> = {};
  let channelKey = '';
  let ports: Record<string, number> = {};
  const METRICS_TOKEN = 'processes-test-metrics-token';

  beforeAll(async () => {
    db = await createTestDatabase();
    const secrets = randomSecrets();
    ports = Object.fromEntries(await Promise.all(['gateway', ...SUBGRAPHS].map(async (n) => [n, await freePort()])));
    // Every variable the README exports, with this run's values; the README's NODE_ENV as written.
    const values: Record<string, string> = {
      NODE_ENV: README_ENV.find((v) => v.name === 'NODE_ENV')?.value ?? 'unset in the README',
      DATABASE_URL: db.connection.url!,
      GATEWAY_SECRET: secrets.gatewaySecret,
      DOCUMENT_ENCRYPTION_KEY: secrets.documentEncryptionKey.toString('base64'),
      DOCUMENT_INDEX_KEY: secrets.documentIndexKey.toString('base64'),
      CODE_SIGNING_KEYS: JSON.stringify({ keys: secrets.codeSigningKeys }),
      // The gateway on both cores as the README starts it: connections spread over its workers.
      GATEWAY_WORKERS: README_ENV.find((v) => v.name === 'GATEWAY_WORKERS')?.value ?? 'unset in the README',
      // Its workers share one rate budget through the Redis this machine (and CI) runs, as the steps say.
      RATE_LIMIT_REDIS_URL: README_ENV.find((v) => v.name === 'RATE_LIMIT_REDIS_URL')?.value ?? 'unset in the README',
    };
    expect(README_ENV.map((v) => v.name).sort()).toEqual(Object.keys(values).sort());
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(NODE_ENV|DEMO_SEED|PERSISTED_OPERATIONS|HCG_|GATEWAY_|IDENTITY_|DECLARATIONS_|HEALTH_STATUS_|INTEROP_)/.test(k))) as Record<string, string>;
    env = { ...inherited, ...values, LOG_LEVEL: 'warn', DATABASE_POOL_SIZE: '4', METRICS_TOKEN };
    for (const n of ['gateway', ...SUBGRAPHS] as const) env[`${envPrefix(n)}_PORT`] = String(ports[n]);
    for (const n of SUBGRAPHS) env[`${envPrefix(n)}_URL`] = `http://127.0.0.1:${ports[n]}/graphql`;

    // What `npm run start:<name>` runs (the compiled JavaScript), without npm's wrapper process in
    // between, so the process the test stops is the server itself (docker-compose.yml runs the same).
    expect(README_STEPS).toMatch(/^npm run build\b/m);
    await build();
    const start = (script: string) => {
      const child = spawn(process.execPath, [compiledEntryOf(script)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
      child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
      children.push(child);
      return child;
    };
    expect(README_SCRIPTS.sort()).toEqual(['gateway', ...SUBGRAPHS].map((n) => `start:${n}`).sort());
    await Promise.all(SUBGRAPHS.map((n) => waitReady(`http://127.0.0.1:${ports[n]}/readyz`, start(`start:${n}`))));
    const gw = start('start:gateway');
    await waitReady(`http://127.0.0.1:${ports.gateway}/readyz`, gw).catch((err: Error) => {
      throw new Error(`${err.message}\n${output.join('').slice(-4000)}`);
    });
    gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;

    // The README's last steps as written: an operator issues the keys, and registers the employer
    // (with the admin key) before its key. Nothing else seeds reference data.
    const issued = new Map<string, string>();
    for (const step of README_COMMANDS) {
      const args = shellWords(step);
      if (args.slice(0, 4).join(' ') === 'npm run api-keys --') {
        const res = await apiKeys(env, args.slice(4));
        expect(res, `${step}\n${res.stderr}`).toMatchObject({ code: 0 });
        issued.set(args[5]!, /\b(hcg_\S+)/.exec(res.stdout)![1]!);
      } else if (args[0] === 'curl') {
        const header = (name: string) => args.find((a, i) => args[i - 1] === '-H' && a.toLowerCase().startsWith(`${name}:`))?.split(': ')[1];
        const key = header('x-api-key')!.startsWith('<') ? issued.get('admin')! : header('x-api-key')!;
        const res = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': header('content-type')!, 'x-api-key': key }, body: args[args.indexOf('-d') + 1] });
        const body = (await res.json()) as { errors?: unknown[] };
        expect(body.errors, step).toBeUndefined();
      }
    }
    expect([...issued.keys()]).toEqual(['channel', 'admin', 'employer', 'hotline']);
    channelKey = issued.get('channel')!;
    // Keys for the other principals' checks below: the test plays the operator there too.
    const gatewayDb = drizzleOn(db.connection, 'gateway');
    await runMigrations(gatewayDb, 'gateway', GATEWAY_MIGRATIONS);
    await seedDevKeys(gatewayDb, drizzleOn(db.connection, 'health-status'));
  }, 400_000);

  afterAll(async () => {
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
    await db?.drop();
  });

  const call = async (key: string, channelUser: string | undefined, query: string, variables?: Record<string, unknown>) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-api-key': key };
    if (channelUser) headers['x-channel-user'] = channelUser;
    const res = await fetch(gatewayUrl, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as { data?: Record<string, unknown>; errors?: { message: string; extensions: Record<string, unknown> }[] };
  };

  it('runs in production as the README says (NODE_ENV=production exported with the secrets)', () => {
    expect(README_ENV).toContainEqual({ name: 'NODE_ENV', value: 'production' });
    expect(env.NODE_ENV).toBe('production');
  });

  it('refuses to issue a key for a channel that is not registered, and stores nothing', async () => {
    const res = await apiKeys(env, ['issue', 'channel', 'no-such-channel']);
    expect(res.code).not.toBe(0);
    expect(res.stderr).toMatch(/no registered channel no-such-channel/);
    expect(res.stdout).not.toMatch(/hcg_/);
  });

  it('registers through one channel, binds through another, and answers me from both', async () => {
    // The key the operator issued with the README's api-keys step: no demo data in production.
    const wechat = channelKey;
    const alipay = DEV_KEYS.find((k) => k.id === 'dev-channel-alipay')!.key;
    const input = registerInput({ documentNumber: residentId() });
    const [u1, u2] = [`openid-${randomUUID()}`, `alipay-${randomUUID()}`];
    const a = await call(wechat, u1, SAFELISTED('RegisterPerson'), { input });
    expect(a.errors, output.join('')).toBeUndefined();
    const b = await call(alipay, u2, SAFELISTED('RegisterPerson'), { input });
    const id = (a.data!.registerPerson as { person: { id: string } }).person.id;
    expect((b.data!.registerPerson as { person: { id: string } }).person.id).toBe(id);
    const me = await call(alipay, u2, SAFELISTED('Me'));
    expect(me.data).toMatchObject({ me: { id } });
  });

  it('lets channels run only the published operations in production', async () => {
    const wechat = DEV_KEYS.find((k) => k.id === 'dev-channel-wechat-zzg')!.key;
    const res = await call(wechat, `openid-${randomUUID()}`, '{ me { id } }');
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OPERATION_NOT_SAFELISTED' });
  });

  it('refuses introspection in production', async () => {
    const res = await call(DEV_KEYS.find((k) => k.id === 'dev-admin')!.key, undefined, '{ __schema { types { name } } }');
    expect(res.data).toBeUndefined();
    expect(res.errors![0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('masks internal detail in production: no stack trace leaves the gateway', async () => {
    const res = await call(DEV_KEYS.find((k) => k.id === 'dev-authority')!.key, undefined, '{ person(id: "not-a-uuid") { id } }');
    expect(res.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res)).not.toMatch(/stacktrace|\.ts:\d+/);
  });

  it("reports each process's database pool use, as PostgreSQL sees it", async () => {
    // identity just served the tests above: its pool holds connections, within its bound of 4 (and
    // postgres.js's one LISTEN connection beside the pool).
    const res = await fetch(`http://127.0.0.1:${ports.identity}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    const pool = Object.fromEntries([...(await res.text()).matchAll(/^hcg_db_pool_connections\{state="([^"]+)"\} (\d+)$/gm)].map((m) => [m[1]!, Number(m[2])]));
    expect(pool.max).toBe(4);
    const open = Object.entries(pool).filter(([state]) => state !== 'max').reduce((n, [, v]) => n + v, 0);
    expect(open).toBeGreaterThanOrEqual(1);
    expect(open).toBeLessThanOrEqual(5);
  });
});
