import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { Presets, SingleBar } from 'cli-progress';
import { systemActor } from '../common/platform/audit.js';
import { systemClock } from '../common/platform/clock.js';
import { randomSecrets } from '../common/platform/config.js';
import { residentIdCheckCharacter } from '../common/domain/documents/index.js';
import { PostgresEventTransport } from '../common/platform/events/postgres-transport.js';
import { migrateAll } from '../scripts/stack.js';
import { IdentityRepository } from '../subgraphs/identity/db/repository.js';
import { importLegacyFile } from '../subgraphs/identity/modules/legacy/legacy-import.js';
import { cleanUpOnInterrupt, createBenchDatabase, type BenchDatabase } from './lib/db.js';
import { check, ms, num, table, type Benchmark, type BenchOutcome, type Check } from './lib/report.js';

/**
 * Issue 14: "a benchmark imports 1,000,000 records (3 vendors with 40% overlap) on PostgreSQL with a
 * progress bar and prints records/s; target ≥ 5,000 records/s, memory flat". Three vendor files are
 * generated on disk (JSON Lines), then imported one after the other by the code the CLI runs.
 * BENCH_IMPORT_RECORDS sets the total. Records/s and RSS are printed for each tenth of the run (issue
 * 24): a cost per record that grows with the table shows as a falling rate. Stopped by SIGINT or
 * SIGTERM, it removes its files and drops its database.
 */
const RECORDS = Number(process.env.BENCH_IMPORT_RECORDS ?? 1_000_000);
const VENDORS = ['alipay', 'wechat-zzg', 'aiguangxi'] as const;
const TARGET = 5_000;
const COUNTIES = ['450102', '450103', '450105', '450107', '450205', '450305'];
const SURNAMES = '李王张刘陈杨黄赵吴周韦覃蒙莫农';
const GIVEN = '明芳伟丽强静海燕军华平玲';

/** Person k's document: a distinct valid resident ID for every k below 20 million. */
function documentOf(k: number): { number: string; region: string } {
  const region = COUNTIES[k % COUNTIES.length]!;
  const birth = new Date(Date.UTC(1950, 0, 1) + Math.floor(k / 1000) * 864e5).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `${region}${birth}${String(k % 1000).padStart(3, '0')}`;
  return { number: first17 + residentIdCheckCharacter(first17), region };
}

/**
 * Vendor v's i-th record: 40% (i % 5 < 2) are people every vendor has (the same k across vendors),
 * the rest are the vendor's own. 2% RED, 3% YELLOW.
 */
function record(v: number, i: number, perVendor: number): string {
  const shared = i % 5 < 2;
  const k = shared ? i : perVendor * (v + 1) + i;
  const { number, region } = documentOf(k);
  const color = k % 50 === 0 ? 'RED' : k % 50 < 3 ? 'YELLOW' : 'GREEN';
  return JSON.stringify({
    vendorUserId: `${VENDORS[v]}-${i}`,
    name: SURNAMES[k % SURNAMES.length]! + GIVEN[Math.floor(k / SURNAMES.length) % GIVEN.length]!,
    documentNumber: number,
    phone: `138${String(k % 1e8).padStart(8, '0')}`,
    region,
    color,
    colorSince: color === 'GREEN' ? undefined : '2020-02-20',
  });
}

async function writeVendorFile(path: string, v: number, perVendor: number): Promise<void> {
  const out = createWriteStream(path);
  for (let i = 0; i < perVendor; i++) {
    if (!out.write(`${record(v, i, perVendor)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

export const legacyImport: Benchmark = {
  name: 'import',
  description: `the legacy import of ${num(RECORDS)} records from ${VENDORS.length} vendors with 40% overlap`,
  async run(): Promise<BenchOutcome> {
    const checks: Check[] = [];
    const perVendor = Math.floor(RECORDS / VENDORS.length);
    const total = perVendor * VENDORS.length;
    const shared = Math.floor(perVendor / 5) * 2 + Math.min(perVendor % 5, 2);
    const expectedPersons = shared + (perVendor - shared) * VENDORS.length;
    const dir = mkdtempSync(join(tmpdir(), 'hcg-bench-import-'));
    // Stopped by SIGINT/SIGTERM, the generated files go with the database.
    const forget = cleanUpOnInterrupt(() => rmSync(dir, { recursive: true, force: true }));
    let db: BenchDatabase | undefined;
    try {
      db = await createBenchDatabase(4);
      const t0 = performance.now();
      const files = VENDORS.map((v) => join(dir, `${v}.jsonl`));
      await Promise.all(files.map((f, v) => writeVendorFile(f, v, perVendor)));
      console.log(`  wrote ${num(total)} records to ${dir} in ${ms(performance.now() - t0)}`);

      const identity = (await migrateAll(db.connection)).identity;
      const deps = { repo: new IdentityRepository(identity.db), events: new PostgresEventTransport(identity.db, db.connection), secrets: randomSecrets() };
      let peakRss = process.memoryUsage.rss();
      const rssAfterVendor: number[] = [];
      const bar = new SingleBar({ format: '  {bar} {percentage}% · {value}/{total} records · {rate} records/s · RSS {rss} MiB', hideCursor: true }, Presets.shades_classic);
      bar.start(total, 0, { rate: 0, rss: 0 });
      let done = 0;
      // Records/s and RSS per tenth of the run: a cost per record that grows with the table shows as a falling rate.
      const tenths: { upTo: number; ms: number; rate: number; rssMiB: number }[] = [];
      let tenthStart = { done: 0, at: performance.now() };
      const tenthDone = (at: number) => {
        const rssMiB = Math.round(process.memoryUsage.rss() / 2 ** 20);
        tenths.push({ upTo: done, ms: at - tenthStart.at, rate: (done - tenthStart.done) / ((at - tenthStart.at) / 1000), rssMiB });
        if (!process.stdout.isTTY) console.log(`  tenth ${tenths.length}: ${num(done)} records, ${num(tenths.at(-1)!.rate)} records/s, RSS ${rssMiB} MiB`);
        tenthStart = { done, at };
      };
      let conflicts = 0;
      let rejected = 0;
      let designated = 0;
      const t1 = performance.now();
      for (const [v, vendor] of VENDORS.entries()) {
        const before = done;
        const totals = await importLegacyFile(deps, {
          vendor,
          path: files[v]!,
          actor: systemActor(`legacy-import:${vendor}`),
          clock: systemClock,
          afterBatch: (t) => {
            done = before + t.lines;
            const rss = process.memoryUsage.rss();
            peakRss = Math.max(peakRss, rss);
            const now = performance.now();
            if (done >= (total * (tenths.length + 1)) / 10) tenthDone(now);
            bar.update(done, { rate: num(done / ((now - t1) / 1000)), rss: Math.round(rss / 2 ** 20) });
          },
        });
        conflicts += totals.conflicts;
        rejected += totals.rejected;
        designated += totals.designated;
        rssAfterVendor.push(process.memoryUsage.rss());
      }
      const importMs = performance.now() - t1;
      if (done > tenthStart.done) tenthDone(performance.now());
      bar.stop();
      const rate = total / (importMs / 1000);
      const q = db.connection.query;
      const [counts] = await q<{ persons: string; bindings: string }>(
        'select (select count(*) from identity.persons) as persons, (select count(*) from identity.channel_bindings) as bindings',
      );
      checks.push(
        check(`one person per document: ${num(expectedPersons)}`, Number(counts!.persons) === expectedPersons, counts!.persons),
        check(`every vendor user bound: ${num(total)}`, Number(counts!.bindings) === total, counts!.bindings),
        check('no conflicts, no rejected lines in clean data', conflicts === 0 && rejected === 0, `${conflicts} conflicts, ${rejected} rejected`),
        check(`at least ${num(TARGET)} records/s`, rate >= TARGET, num(rate)),
      );
      const mib = (b: number) => Math.round(b / 2 ** 20);
      console.log(
        `\n${table(`legacy import of ${num(total)} records`, ['vendor files', 'persons', 'bindings', 'designations', 'wall time', 'records/s', 'peak RSS', 'RSS after each vendor'], [
          [VENDORS.join(', '), num(Number(counts!.persons)), num(Number(counts!.bindings)), num(designated), ms(importMs), num(rate), `${mib(peakRss)} MiB`, rssAfterVendor.map((r) => `${mib(r)} MiB`).join(' / ')],
        ])}`,
      );
      console.log(
        `\n${table('records/s per tenth of the run', ['tenth', 'records so far', 'took', 'records/s', 'RSS'], tenths.map((t, i) => [i + 1, num(t.upTo), ms(t.ms), num(t.rate), `${t.rssMiB} MiB`]))}`,
      );
      const rates = tenths.map((t) => t.rate);
      return {
        name: 'import',
        summary: [
          `legacy import of ${num(total)} records (${VENDORS.length} vendors, 40% overlap): ${ms(importMs)}, ${num(rate)} records/s (target ${num(TARGET)}), first/last tenth ${num(rates[0] ?? 0)}/${num(rates.at(-1) ?? 0)} records/s, peak RSS ${mib(peakRss)} MiB`,
        ],
        checks,
        figures: {
          records: total,
          persons: Number(counts!.persons),
          importMs,
          recordsPerSecond: rate,
          recordsPerSecondByTenth: rates,
          lastTenthOverFirst: rates.length > 1 ? rates.at(-1)! / rates[0]! : 1,
          rssByTenthMiB: tenths.map((t) => t.rssMiB),
          peakRssMiB: mib(peakRss),
          rssAfterVendorMiB: rssAfterVendor.map(mib),
          designated,
        },
      };
    } finally {
      await db?.drop();
      rmSync(dir, { recursive: true, force: true });
      forget();
    }
  },
};
