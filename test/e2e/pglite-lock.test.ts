import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../common/platform/db-lock.js';
import { openConnection } from '../../common/platform/db.js';
import { residentId } from '../factories/people.js';
import { entryOf } from '../helpers/processes.js';

/** A process that holds the data directory as `npm start` does: opened and migrated, then idle until its stdin closes. */
const HOLDER = `
import { loadConfig } from './common/platform/config.ts';
import { connect, migrateAll } from './scripts/stack.ts';
const connection = await connect(loadConfig());
await migrateAll(connection);
console.log('held');
process.stdin.resume();
process.stdin.on('end', async () => { await connection.close(); process.exit(0); });
`;

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * SPEC §8: the embedded database has one writer. Real processes on one PGlite directory: `npm run
 * import:legacy` against a running holder once reported `created: 300`, exit 0, and the rows were gone.
 */
describe('the PGlite data directory has one writer, across processes', () => {
  let work: string;
  let env: Record<string, string>;
  const children: ChildProcess[] = [];

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'hcg-lock-'));
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DATABASE_URL|NODE_ENV|DEMO_SEED|PGLITE_DIR|DATA_DIR|VITEST)/.test(k))) as Record<string, string>;
    env = { ...inherited, PGLITE_DIR: join(work, 'pglite'), DATA_DIR: work, LOG_LEVEL: 'silent' };
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const run = (script: string, args: string[]): Promise<Ran> =>
    new Promise((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', entryOf(script), ...args], { env, timeout: 120_000 }, (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
    });

  async function holder(): Promise<ChildProcess & { ended: Promise<number | null> }> {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', HOLDER], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    children.push(child);
    const ended = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        output += d.toString();
        if (output.includes('held')) resolve();
      });
      child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
      void ended.then((code) => reject(new Error(`the holder exited (${code}) before holding the directory:\n${output}`)));
    });
    return Object.assign(child, { ended });
  }

  const legacyFile = (name: string, n: number): string => {
    const path = join(work, name);
    const lines = Array.from({ length: n }, () => JSON.stringify({ vendorUserId: `u-${randomUUID()}`, name: '陈静', documentNumber: residentId(), region: '450103', color: 'GREEN' }));
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  };

  /** Persons in the directory as the next process to open it sees them. */
  async function persons(): Promise<number> {
    const connection = await openConnection({ pgliteDir: env.PGLITE_DIR });
    try {
      const [row] = await connection.query<{ n: number }>('select count(*)::int as n from identity.persons');
      return row!.n;
    } finally {
      await connection.close();
    }
  }

  it('refuses an import (and npm start, and api-keys) while another process holds the directory: one line, exit non-zero, no trace', async () => {
    const held = await holder();
    const lock = join(env.PGLITE_DIR!, LOCK_FILE);
    const lockBefore = readFileSync(lock, 'utf8');

    const file = legacyFile('alipay.jsonl', 5);
    const imported = await run('import:legacy', ['--vendor', 'alipay', file]);
    expect(imported.code).not.toBe(0);
    expect(imported.stdout).toBe('');
    expect(imported.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`is in use by another process \\(pid ${held.pid}\\b.*stop that process first`))]);
    expect(existsSync(`${file}.conflicts.jsonl`) || existsSync(`${file}.rejected.jsonl`)).toBe(false);

    const started = await run('start', []);
    expect(started.code).not.toBe(0);
    expect(started.stderr.trim().split('\n')).toEqual([expect.stringContaining(`in use by another process (pid ${held.pid}`)]);
    const keys = await run('api-keys', ['issue', 'admin', 'ops', 'x']);
    expect(keys.code).not.toBe(0);
    expect(keys.stderr).toContain(`in use by another process (pid ${held.pid}`);
    // The refused processes left the holder's lock as it was.
    expect(readFileSync(lock, 'utf8')).toBe(lockBefore);

    // The holder ends normally and releases the directory; nothing of the refused import is in it.
    held.stdin!.end();
    expect(await held.ended).toBe(0);
    expect(existsSync(lock)).toBe(false);
    expect(await persons()).toBe(0);
  });

  it('takes over the lock of a holder that was killed (-9), and then imports every row', async () => {
    const held = await holder();
    held.kill('SIGKILL');
    await held.ended;
    expect(existsSync(join(env.PGLITE_DIR!, LOCK_FILE)), 'a crash leaves the lock behind').toBe(true);

    const imported = await run('import:legacy', ['--vendor', 'alipay', legacyFile('alipay-2.jsonl', 4)]);
    expect(imported, imported.stderr).toMatchObject({ code: 0 });
    expect(JSON.parse(imported.stdout.trim().split('\n').find((l) => l.startsWith('{'))!)).toMatchObject({ created: 4 });
    expect(existsSync(join(env.PGLITE_DIR!, LOCK_FILE))).toBe(false);
    expect(await persons()).toBe(4);
  });
});
