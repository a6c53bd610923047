import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { randomSecrets, SUBGRAPHS, envPrefix } from '../../common/platform/config.js';

/** Every process of the production layout (docker-compose.yml, docs/operations.md). */
export const PROCESS_NAMES = ['gateway', ...SUBGRAPHS] as const;
export type ProcessName = (typeof PROCESS_NAMES)[number];

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };

/**
 * The source of what `npm run <script>` runs (`node dist/x.js` is built from `x.ts`), run through tsx
 * without npm in between. The fault tests need no build of their own (test/e2e/processes.test.ts runs
 * the compiled build itself), and several files building one dist/ at once would race.
 */
export const entryOf = (script: string) =>
  pkg.scripts[script]!
    .replace(/^tsx /, '')
    .replace(/^node dist\/(\S+)\.js$/, '$1.ts');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export async function waitReady(url: string, child: ChildProcess, timeoutMs = 240_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode} before ${url} was ready`);
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not ready in ${timeoutMs} ms`);
}

/** One process of the layout: its child, everything it printed, and how it ended. */
export interface RunningProcess {
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

/**
 * The production layout as real processes on ephemeral ports against one PostgreSQL database: what
 * fault tests and the soak script stop, kill and restart. Each process can be started again on its
 * own port, so the gateway's configured URLs stay right across a restart.
 */
export class ProductionLayout {
  readonly ports: Record<ProcessName, number>;
  readonly env: Record<string, string>;
  readonly processes = new Map<ProcessName, RunningProcess>();

  private constructor(ports: Record<ProcessName, number>, env: Record<string, string>) {
    this.ports = ports;
    this.env = env;
  }

  static async create(databaseUrl: string, extraEnv: Record<string, string> = {}): Promise<ProductionLayout> {
    const secrets = randomSecrets();
    const ports = Object.fromEntries(await Promise.all(PROCESS_NAMES.map(async (n) => [n, await freePort()]))) as Record<ProcessName, number>;
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^(NODE_ENV|DEMO_SEED|PERSISTED_OPERATIONS|HCG_|GATEWAY_|IDENTITY_|DECLARATIONS_|HEALTH_STATUS_|INTEROP_|OTEL_|VITEST)/.test(k)),
    ) as Record<string, string>;
    const env: Record<string, string> = {
      ...inherited,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      GATEWAY_SECRET: secrets.gatewaySecret,
      DOCUMENT_ENCRYPTION_KEY: secrets.documentEncryptionKey.toString('base64'),
      DOCUMENT_INDEX_KEY: secrets.documentIndexKey.toString('base64'),
      CODE_SIGNING_KEYS: JSON.stringify({ keys: secrets.codeSigningKeys }),
      LOG_LEVEL: process.env.FAULT_LOG_LEVEL ?? 'warn',
      DATABASE_POOL_SIZE: '4',
      RATE_LIMITS: 'off',
    };
    for (const n of PROCESS_NAMES) env[`${envPrefix(n)}_PORT`] = String(ports[n]);
    for (const n of SUBGRAPHS) env[`${envPrefix(n)}_URL`] = `http://127.0.0.1:${ports[n]}/graphql`;
    Object.assign(env, extraEnv);
    return new ProductionLayout(ports, env);
  }

  url(name: ProcessName, path = '/graphql'): string {
    return `http://127.0.0.1:${this.ports[name]}${path}`;
  }

  /** Starts one process (`npm run start:<name>`'s entry) and waits until its /readyz answers. */
  async start(name: ProcessName, opts: { waitReady?: boolean } = {}): Promise<RunningProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', entryOf(`start:${name}`)], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
    child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const running = { child, output, exited };
    this.processes.set(name, running);
    if (opts.waitReady ?? true) {
      await waitReady(this.url(name, '/readyz'), child).catch(async (err: Error) => {
        const readyz = await fetch(this.url(name, '/readyz')).then((r) => r.text(), (e: Error) => e.message);
        throw new Error(`${name}: ${err.message}; /readyz said ${readyz}\n${output.join('').slice(-3000)}`);
      });
    }
    return running;
  }

  /** The subgraphs first (the gateway's readiness needs them), then the gateway. */
  async startAll(): Promise<void> {
    await Promise.all(SUBGRAPHS.map((n) => this.start(n)));
    await this.start('gateway');
  }

  /** Sends a signal and resolves with the exit code once the process has ended. */
  async stop(name: ProcessName, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    const p = this.processes.get(name);
    if (!p) return null;
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill(signal);
    return p.exited;
  }

  /** Everything the processes printed, each line prefixed with its process. */
  output(): string {
    return [...this.processes.entries()].map(([n, p]) => p.output.join('').replace(/^/gm, `[${n}] `)).join('\n');
  }

  async close(): Promise<void> {
    await Promise.all(PROCESS_NAMES.map((n) => this.stop(n)));
  }
}
