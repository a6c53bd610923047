import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PERSISTED_OPERATIONS, randomSecrets, SUBGRAPHS, envPrefix } from '../../common/config.js';
import { drizzleOn } from '../../common/db.js';
import { runMigrations } from '../../common/migrate.js';
import { GATEWAY_MIGRATIONS } from '../../gateway/db/repository.js';
import { DEV_KEYS, seedDevKeys, seedReferenceData } from '../../scripts/seed.js';
import { FACTORIES } from '../../scripts/stack.js';
import { registerInput, residentId } from '../factories/people.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { adminUrl } from '../helpers/postgres.js';

/** Production runs the channel safelist: channels send the published operations, as a real app would. */
const SAFELISTED = (name: string): string =>
  (JSON.parse(readFileSync(DEFAULT_PERSISTED_OPERATIONS, 'utf8')) as { operations: { name: string; body: string }[] }).operations.find((o) => o.name === name)!.body;

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitReady(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
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

  beforeAll(async () => {
    db = await createTestDatabase();
    const secrets = randomSecrets();
    const ports = Object.fromEntries(await Promise.all(['gateway', ...SUBGRAPHS].map(async (n) => [n, await freePort()])));
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: db.connection.url!,
      DATABASE_POOL_SIZE: '4',
      GATEWAY_SECRET: secrets.gatewaySecret,
      DOCUMENT_ENCRYPTION_KEY: secrets.documentEncryptionKey.toString('base64'),
      DOCUMENT_INDEX_KEY: secrets.documentIndexKey.toString('base64'),
      CODE_SIGNING_KEYS: JSON.stringify({ keys: secrets.codeSigningKeys }),
    };
    for (const n of ['gateway', ...SUBGRAPHS] as const) env[`${envPrefix(n)}_PORT`] = String(ports[n]);
    for (const n of SUBGRAPHS) env[`${envPrefix(n)}_URL`] = `http://127.0.0.1:${ports[n]}/graphql`;

    // What `npm run start:<name>` runs, without npm and tsx's wrapper processes in between, so the
    // process the test stops is the server itself (docker-compose.yml runs the same entry points).
    const start = (script: string) => {
      const entry = pkg.scripts[script]!.replace(/^tsx /, '');
      const child = spawn(process.execPath, ['--import', 'tsx', entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
      child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
      children.push(child);
      return child;
    };
    await Promise.all(SUBGRAPHS.map((n) => waitReady(`http://127.0.0.1:${ports[n]}/readyz`, start(`start:${n}`))));
    const gw = start('start:gateway');
    await waitReady(`http://127.0.0.1:${ports.gateway}/readyz`, gw);
    gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;

    // Reference data and keys come from an operator in production; the test plays that part.
    const gatewayDb = drizzleOn(db.connection, 'gateway');
    await runMigrations(gatewayDb, 'gateway', GATEWAY_MIGRATIONS);
    await seedDevKeys(gatewayDb, drizzleOn(db.connection, 'health-status'));
    const identity = FACTORIES.find((f) => f.name === 'identity')!;
    await seedReferenceData(drizzleOn(db.connection, identity.name));
  }, 90_000);

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

  it('registers through one channel, binds through another, and answers me from both', async () => {
    const wechat = DEV_KEYS.find((k) => k.id === 'dev-channel-wechat-zzg')!.key;
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
});
