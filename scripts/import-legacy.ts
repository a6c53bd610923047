import { createWriteStream, type WriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { SingleBar, Presets } from 'cli-progress';
import { systemActor } from '../common/platform/audit.js';
import { systemClock } from '../common/platform/clock.js';
import { loadConfig } from '../common/platform/config.js';
import { PostgresEventTransport } from '../common/platform/events/postgres-transport.js';
import { IdentityRepository } from '../subgraphs/identity/db/repository.js';
import { formatOf } from '../subgraphs/identity/modules/legacy/legacy-file.js';
import { importLegacyFile, type LegacyTotals } from '../subgraphs/identity/modules/legacy/legacy-import.js';
import { connect, migrateAll } from './stack.js';

/**
 * Imports a legacy vendor's codes (八码归一):
 *
 *   npm run import:legacy -- --vendor alipay exports/alipay.jsonl
 *   npm run import:legacy -- --vendor wechat-zzg exports/wechat.csv --batch 2000
 *
 * Conflicts go to `<file>.conflicts.jsonl` (and the `legacyConflicts` query), rejected lines with
 * their line numbers to `<file>.rejected.jsonl`. Safe to run again, also after a crash: a vendor
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
    console.error('usage: npm run import:legacy -- --vendor <channel code> <file.jsonl|file.csv> [--batch 2000] [--format jsonl|csv]');
    process.exitCode = 2;
    return;
  }
  const format = values.format === 'csv' || values.format === 'jsonl' ? values.format : formatOf(path);
  const config = loadConfig();
  const connection = await connect(config);
  const files: WriteStream[] = [];
  const open = (suffix: string) => {
    const f = createWriteStream(`${path}.${suffix}.jsonl`);
    files.push(f);
    return f;
  };
  const conflicts = open('conflicts');
  const rejected = open('rejected');
  const bar = new SingleBar({ format: '{bar} {value} lines · {rate} lines/s · {conflicts} conflicts · {rejected} rejected', hideCursor: true }, Presets.shades_classic);
  const started = Date.now();
  try {
    const db = await migrateAll(connection);
    const deps = { repo: new IdentityRepository(db.identity.db), events: new PostgresEventTransport(db.identity.db, connection), secrets: config.secrets };
    bar.start(0, 0, { rate: 0, conflicts: 0, rejected: 0 });
    const totals: LegacyTotals = await importLegacyFile(deps, {
      vendor: values.vendor,
      path,
      format,
      batchSize,
      actor: systemActor(`legacy-import:${values.vendor}`),
      clock: systemClock,
      report: (r, c) => {
        for (const x of r) rejected.write(`${JSON.stringify(x)}\n`);
        for (const x of c) conflicts.write(`${JSON.stringify(x)}\n`);
      },
      afterBatch: (t) => {
        bar.setTotal(t.lines);
        bar.update(t.lines, { rate: Math.round(t.lines / ((Date.now() - started) / 1000)), conflicts: t.conflicts, rejected: t.rejected });
      },
    });
    bar.stop();
    console.log(JSON.stringify({ vendor: values.vendor, file: path, ...totals, seconds: (Date.now() - started) / 1000 }));
    if (totals.conflicts) console.log(`conflicts: ${path}.conflicts.jsonl`);
    if (totals.rejected) console.log(`rejected lines: ${path}.rejected.jsonl`);
  } finally {
    bar.stop();
    await Promise.all(files.map((f) => new Promise((resolve) => f.end(resolve))));
    await connection.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
