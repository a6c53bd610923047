import { performance } from 'node:perf_hooks';
import { designations } from './designations.js';
import { graph } from './graph.js';
import { legacyImport } from './import.js';
import { places } from './places.js';
import { machine, ms, table, writeResults, type Benchmark, type BenchOutcome } from './lib/report.js';
import { adminUrl } from './lib/db.js';
import { rollover } from './rollover.js';
import { scan } from './scan.js';
import { scaleout } from './scaleout.js';
import { soak } from './soak.js';

/**
 * `npm run bench [names...]`: runs the named benchmarks (all by default) against a real PostgreSQL
 * (DATABASE_URL, else the local server), prints their tables and a summary, writes
 * bench/results/<name>.json, and exits non-zero when a benchmark's correctness checks fail.
 */

const ALL: Benchmark[] = [designations, scan, rollover, graph, scaleout, soak, legacyImport, places];

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(`usage: npm run bench [-- ${ALL.map((b) => b.name).join(' ')}]\n\n${ALL.map((b) => `  ${b.name.padEnd(14)} ${b.description}`).join('\n')}`);
    return 0;
  }
  const unknown = args.filter((a) => !ALL.some((b) => b.name === a));
  if (unknown.length) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${ALL.map((b) => b.name).join(', ')}`);
    return 2;
  }
  // The soak runs for minutes: only when named.
  const selected = args.length ? ALL.filter((b) => args.includes(b.name)) : ALL.filter((b) => b.name !== 'soak');
  const server = new URL(adminUrl());
  const before = await machine();
  console.log(`PostgreSQL ${before.postgres} at ${server.host} · Node ${before.node} · ${before.cpus} × ${before.cpuModel} · load ${before.loadavg.join(' ')} · free memory ${before.memoryGiB.free}/${before.memoryGiB.total} GiB`);

  const rows: (string | number)[][] = [];
  let failed = 0;
  for (const bench of selected) {
    console.log(`\n▶ ${bench.name}: ${bench.description}`);
    const t0 = performance.now();
    const startMachine = await machine();
    let outcome: BenchOutcome;
    try {
      outcome = await bench.run();
    } catch (err) {
      console.error(`✗ ${bench.name} failed: ${(err as Error)?.stack ?? String(err)}`);
      outcome = { name: bench.name, summary: [], checks: [{ name: 'benchmark ran to the end', ok: false, detail: String((err as Error)?.message ?? err) }], figures: {} };
    }
    const elapsed = performance.now() - t0;
    const endMachine = await machine();
    for (const line of outcome.summary) console.log(`  ${line}`);
    const bad = outcome.checks.filter((c) => !c.ok);
    console.log(`  checks: ${outcome.checks.length - bad.length}/${outcome.checks.length} passed`);
    for (const c of bad) console.log(`    ✗ ${c.name}${c.detail ? ` (${c.detail})` : ''}`);
    const file = writeResults(outcome, { startedAt: new Date(Date.now() - elapsed).toISOString(), elapsedMs: elapsed, machine: { ...startMachine, loadavgAfter: endMachine.loadavg } });
    console.log(`  results: ${file} (${ms(elapsed)})`);
    if (bad.length) failed++;
    rows.push([bench.name, bad.length ? `FAIL (${bad.length} check(s))` : 'ok', ms(elapsed), outcome.summary[0] ?? '']);
  }
  console.log(`\n${table('summary', ['benchmark', 'checks', 'took', 'headline'], rows)}`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
