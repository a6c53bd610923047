import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckCharacter } from '../../common/domain/documents/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const run = promisify(execFile);
const ROOT = new URL('../..', import.meta.url).pathname;
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const HEADER = 'vendorUserId,name,documentType,documentNumber,phone,region,color,colorSince,birthDate,sex';
const id = (first17: string) => first17 + residentIdCheckCharacter(first17);

/**
 * `npm run import:legacy` as an operator runs it: a real process, its stdout, stderr and exit
 * status, and the files it leaves beside the input. Wrong files fail before a database is opened.
 */
describe('the legacy import CLI (scripts/import-legacy.ts) as a process', () => {
  let dir: string;
  let database: TestDatabase | undefined;
  const cli = async (args: string[], env: Record<string, string> = {}) => {
    try {
      const { stdout, stderr } = await run(TSX, ['scripts/import-legacy.ts', ...args], { cwd: ROOT, env: { ...process.env, DATA_DIR: dir, PGLITE_DIR: join(dir, 'pglite'), LOG_LEVEL: 'silent', ...env }, timeout: 180_000 });
      return { code: 0, stdout, stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const leftBeside = (name: string) => readdirSync(dir).filter((f) => f.startsWith(`${name}.`));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hcg-import-cli-'));
  });
  afterAll(async () => {
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a missing file: one line naming it, exit 2, nothing left behind', async () => {
    const r = await cli(['--vendor', 'alipay', join(dir, 'missing.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([`import-legacy: cannot read ${join(dir, 'missing.csv')}: no such file`]);
    expect(r.stdout).toBe('');
    expect(leftBeside('missing.csv')).toEqual([]);
    expect(existsSync(join(dir, 'pglite'))).toBe(false);
  });

  it('a wrong header: one line naming the missing and the unknown columns, exit 2, nothing written', async () => {
    const path = file('wrong-header.csv', `userId,name,documentNumber,region,colour\nu-1,陈静,${id('45010319900307555')},450103,GREEN\n`);
    const r = await cli(['--vendor', 'alipay', path]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('missing vendorUserId, color');
    expect(lines[0]).toContain('unknown userId, colour');
    expect(leftBeside('wrong-header.csv')).toEqual([]);
    expect(existsSync(join(dir, 'pglite'))).toBe(false);
  });

  it('an unclosed quote: that line rejected with its number, the next record imported, not swallowed', async () => {
    // On PostgreSQL a database of the test's own; on PGlite the CLI's own data directory under `dir`.
    if (process.env.DATABASE_URL) database = await createTestDatabase();
    const env: Record<string, string> = database?.url ? { DATABASE_URL: database.url } : {};
    const path = file(
      'unclosed.csv',
      [
        HEADER,
        `u-1,"陈静,,${id('45010319900307556')},,450103,GREEN,,,`,
        `u-2,李华,,${id('45010319910408558')},,450103,YELLOW,2026-11-20,,FEMALE`,
        `u-3,王伟,,${id('45010319920509557')},,450103,GREEN,,,,extra`,
        '',
      ].join('\n'),
    );
    const r = await cli(['--vendor', 'alipay', path], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout.split('\n').find((l) => l.startsWith('{'))!) as Record<string, number>;
    expect(summary).toMatchObject({ lines: 3, created: 1, bound: 1, rejected: 2, conflicts: 0 });
    const rejected = readFileSync(`${path}.rejected.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: number; reason: string; message: string });
    expect(rejected).toEqual([
      { line: 2, reason: 'MALFORMED_LINE', message: expect.stringContaining('unclosed quote') },
      { line: 4, reason: 'MALFORMED_LINE', message: '11 fields where the header has 10' },
    ]);
    // No conflicts: no conflicts file, not even an empty one.
    expect(leftBeside('unclosed.csv')).toEqual(['unclosed.csv.rejected.jsonl']);
    // A process that migrates a fresh PGlite before it imports: minutes on a busy runner.
  }, 240_000);
});
