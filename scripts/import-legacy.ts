import { closeSync, createWriteStream, openSync, statSync, type WriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { SingleBar, Presets } from 'cli-progress';
import { systemActor } from '../common/platform/audit.js';
import { systemClock } from '../common/platform/clock.js';
import { loadConfig } from '../common/platform/config.js';
import { PostgresEventTransport } from '../common/platform/events/postgres-transport.js';
import { IdentityRepository } from '../subgraphs/identity/db/repository.js';
import { checkCsvHeader, formatOf, LegacyHeaderError, type ReadMeter } from '../subgraphs/identity/modules/legacy/legacy-file.js';
import { importLegacyFile, type LegacyTotals } from '../subgraphs/identity/modules/legacy/legacy-import.js';
import { connect, migrateAll } from './stack.js';

/**
 * Imports a legacy vendor's codes (八码归一):
 *
 *   npm run import:legacy -- --vendor alipay exports/alipay.jsonl
 *   npm run import:legacy -- --vendor wechat-zzg exports/wechat.csv --batch 2000
 *
 * Conflicts go to `<file>.conflicts.jsonl` (and the `legacyConflicts` query), rejected lines with
 * their line numbers to `<file>.rejected.jsonl`, each written only if there is one. A file that
 * cannot be read, or a CSV header naming the wrong columns, is one line on stderr and exit status 2,
 * before anything is opened or written. Progress is by bytes read of the file's size (on a terminal). Safe to run again, also after a crash: a vendor
 * user imported before is left as it is. Uses DATABASE_URL, or the PGlite data directory (stop
 * `npm start` first: PGlite has one writer, and the import refuses while another process holds it).
 */
async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { vendor: { type: 'string' }, batch: { type: 'string', default: '2000' }, format: { type: 'string' } },
  });
  const path = positionals[0];
  const batchSize = Number(values.batch);
  if (!values.vendor || !path || !Number.isInteger(batchSize) || batchSize < 1) {
    throw new UsageError('usage: npm run import:legacy -- --vendor <channel code> <file.jsonl|file.csv> [--batch 2000] [--format jsonl|csv]');
  }
  const format = values.format === 'csv' || values.format === 'jsonl' ? values.format : formatOf(path);
  // Everything that can be known from the file alone is checked before a database is opened or a
  // file written: a file that cannot be read, or a header no line could be read with.
  const size = readableSize(path);
  if (format === 'csv') {
    try {
      await checkCsvHeader(path);
    } catch (err) {
      if (err instanceof LegacyHeaderError) throw new UsageError(`${path}: ${err.message}`);
      throw err;
    }
  }

  const config = loadConfig();
  const connection = await connect(config);
  // Opened at their first line: a clean run leaves no empty files behind.
  const files = new Map<string, WriteStream>();
  const write = (suffix: 'conflicts' | 'rejected', rows: unknown[]) => {
    if (!rows.length) return;
    let f = files.get(suffix);
    if (!f) files.set(suffix, (f = createWriteStream(`${path}.${suffix}.jsonl`)));
    for (const x of rows) f.write(`${JSON.stringify(x)}\n`);
  };
  const meter: ReadMeter = { bytes: 0, lines: 0 };
  const totals: Partial<LegacyTotals> = {};
  const bar = new SingleBar(
    { format: '{bar} {percentage}% of {size} · {lines} lines · {rate} records/s · {end} · {conflicts} conflicts · {rejected} rejected', hideCursor: true },
    Presets.shades_classic,
  );
  const started = Date.now();
  // Rate and end count from the first record, not from the migrations before it.
  let importing = started;
  // The end, estimated from the bytes taken so far and the time they took.
  const end = () => {
    const done = Math.min(meter.bytes, size);
    if (!done) return 'end estimated after the first records';
    const left = ((Date.now() - importing) / done) * (size - done);
    return `ends in ${left < 60_000 ? `${Math.ceil(left / 1000)} s` : `${Math.ceil(left / 60_000)} min`}`;
  };
  const show = () =>
    bar.update(Math.min(meter.bytes, size), {
      end: end(),
      size: megabytes(size),
      lines: meter.lines,
      rate: Math.round((totals.lines ?? 0) / Math.max((Date.now() - importing) / 1000, 0.001)),
      conflicts: totals.conflicts ?? 0,
      rejected: totals.rejected ?? 0,
    });
  const ticker = setInterval(show, 250);
  try {
    const db = await migrateAll(connection);
    const deps = { repo: new IdentityRepository(db.identity.db), events: new PostgresEventTransport(db.identity.db, connection), secrets: config.secrets };
    importing = Date.now();
    bar.start(Math.max(size, 1), 0, { size: megabytes(size), end: end(), lines: 0, rate: 0, conflicts: 0, rejected: 0 });
    const result: LegacyTotals = await importLegacyFile(deps, {
      vendor: values.vendor,
      path,
      format,
      batchSize,
      meter,
      actor: systemActor(`legacy-import:${values.vendor}`),
      clock: systemClock,
      report: (r, c) => {
        write('rejected', r);
        write('conflicts', c);
      },
      afterBatch: (t) => {
        Object.assign(totals, t);
        show();
      },
    });
    show();
    bar.stop();
    console.log(JSON.stringify({ vendor: values.vendor, file: path, ...result, seconds: (Date.now() - started) / 1000 }));
    if (result.conflicts) console.log(`conflicts: ${path}.conflicts.jsonl`);
    if (result.rejected) console.log(`rejected lines: ${path}.rejected.jsonl`);
  } finally {
    clearInterval(ticker);
    bar.stop();
    await Promise.all([...files.values()].map((f) => new Promise((resolve) => f.end(resolve))));
    await connection.close();
  }
}

/** A mistake in how the tool was called or in the file as a whole: one line, exit status 2. */
class UsageError extends Error {}

/** The file's size, or a UsageError saying in one line why it cannot be read. */
function readableSize(path: string): number {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new UsageError(`${path} is not a file`);
    closeSync(openSync(path, 'r'));
    return stat.size;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (err as Error).message;
    throw new UsageError(`cannot read ${path}: ${why}`);
  }
}

const megabytes = (bytes: number) => (bytes < 1e6 ? `${Math.ceil(bytes / 1e3)} kB` : `${(bytes / 1e6).toFixed(1)} MB`);

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(`import-legacy: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(err instanceof UsageError ? 2 : 1);
  });
}
