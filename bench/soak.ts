import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DEFAULT_PERSISTED_OPERATIONS } from '../common/platform/config.js';
import { drizzleOn } from '../common/platform/db.js';
import { DEV_KEYS, seedDevKeys } from '../scripts/seed.js';
import { registerInput, residentId } from '../test/factories/people.js';
import { PROCESS_NAMES, ProductionLayout } from '../test/helpers/processes.js';
import { createBenchDatabase } from './lib/db.js';
import { check, ms, num, table, type Benchmark } from './lib/report.js';

/**
 * Sizes: BENCH_SOAK_MINUTES (10), BENCH_SOAK_RESIDENTS (200), BENCH_SOAK_PROBE_S (capacity probe, 20),
 * BENCH_SOAK_WORKERS (closed-loop workers of the probe, 16), BENCH_SOAK_LOAD (share of capacity, 0.8).
 */
const MINUTES = Number(process.env.BENCH_SOAK_MINUTES ?? 10);
const RESIDENTS = Number(process.env.BENCH_SOAK_RESIDENTS ?? 200);
const PROBE_S = Number(process.env.BENCH_SOAK_PROBE_S ?? 20);
const WORKERS = Number(process.env.BENCH_SOAK_WORKERS ?? 16);
const LOAD = Number(process.env.BENCH_SOAK_LOAD ?? 0.8);

const OPS = (JSON.parse(readFileSync(DEFAULT_PERSISTED_OPERATIONS, 'utf8')) as { operations: { name: string; body: string }[] }).operations;
const op = (name: string) => OPS.find((o) => o.name === name)!.body;
const KEY = DEV_KEYS.find((k) => k.id === 'dev-channel-wechat-zzg')!.key;

/** Resident memory of a process, in MiB, from /proc (Linux). */
function rssMiB(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return kb / 1024;
  } catch {
    return NaN;
  }
}

const p99 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * 0.99))]! : NaN;
};

/**
 * The production layout (five processes, PostgreSQL) for minutes at a steady 80% of the capacity it
 * measures first, with a resident's day as the mix: 4 household reads to 1 declaration. Reports
 * errors, p99 and each process's RSS per minute; memory must stay flat (last minute within 1.5× the
 * first, after warm-up) and errors under 0.1%.
 */
export const soak: Benchmark = {
  name: 'soak',
  description: `five processes for ${MINUTES} min at ${LOAD * 100}% of measured capacity: errors, p99 and RSS per minute`,
  async run() {
    const db = await createBenchDatabase(2);
    const layout = await ProductionLayout.create(db.url, { LOG_LEVEL: 'warn', DATABASE_POOL_SIZE: '10' });
    try {
      await layout.startAll();
      await seedDevKeys(drizzleOn(db.connection, 'gateway'), drizzleOn(db.connection, 'health-status'));
      const call = async (name: string, user: string, variables?: Record<string, unknown>): Promise<boolean> => {
        try {
          const res = await fetch(layout.url('gateway'), {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-api-key': KEY, 'x-channel-user': user },
            body: JSON.stringify({ query: op(name), variables }),
          });
          const body = (await res.json()) as { errors?: unknown[] };
          return res.ok && !body.errors;
        } catch {
          return false;
        }
      };
      const users: string[] = [];
      for (let i = 0; i < RESIDENTS; i += 20) {
        await Promise.all(
          Array.from({ length: Math.min(20, RESIDENTS - i) }, async () => {
            const user = `soak-${randomUUID()}`;
            if (await call('RegisterPerson', user, { input: registerInput({ documentNumber: residentId() }) })) users.push(user);
          }),
        );
      }
      let n = 0;
      const one = () => {
        const user = users[n % users.length]!;
        return n++ % 5 === 4 ? call('SubmitDeclaration', user, { input: { temperature: 36.5 } }) : call('MyHousehold', user);
      };

      // Capacity: closed-loop workers as fast as answers come.
      let probed = 0;
      const probeEnd = performance.now() + PROBE_S * 1000;
      await Promise.all(
        Array.from({ length: WORKERS }, async () => {
          while (performance.now() < probeEnd) if (await one()) probed++;
        }),
      );
      const capacity = probed / PROBE_S;
      const rate = capacity * LOAD;

      // Soak: open loop at `rate` requests per second, measured per minute.
      type Minute = { sent: number; errors: number; latencies: number[]; rss: Record<string, number> };
      const minutes: Minute[] = [];
      const inFlight = new Set<Promise<void>>();
      const start = performance.now();
      for (let m = 0; m < MINUTES; m++) {
        const minute: Minute = { sent: 0, errors: 0, latencies: [], rss: {} };
        minutes.push(minute);
        const minuteEnd = start + (m + 1) * 60_000;
        while (performance.now() < minuteEnd) {
          const due = start + (minutes.reduce((s, x) => s + x.sent, 0) / rate) * 1000;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, Math.min(wait, 50)));
          if (performance.now() < due) continue;
          minute.sent++;
          const t = performance.now();
          const p: Promise<void> = one().then((ok) => {
            minute.latencies.push(performance.now() - t);
            if (!ok) minute.errors++;
            inFlight.delete(p);
          });
          inFlight.add(p);
        }
        for (const name of PROCESS_NAMES) minute.rss[name] = rssMiB(layout.processes.get(name)?.child.pid);
        console.log(`  minute ${m + 1}: ${minute.sent} sent, ${minute.errors} errors, p99 ${ms(p99(minute.latencies))}, RSS ${PROCESS_NAMES.map((p) => `${p} ${num(minute.rss[p]!)}`).join(' · ')} MiB`);
      }
      await Promise.all(inFlight);

      const rows = minutes.map((mm, i) => [i + 1, mm.sent, mm.errors, ms(p99(mm.latencies)), ...PROCESS_NAMES.map((p) => num(mm.rss[p]!))]);
      console.log(table(`soak at ${num(rate, 1)} req/s (capacity ${num(capacity, 1)} req/s)`, ['minute', 'sent', 'errors', 'p99', ...PROCESS_NAMES.map((p) => `${p} MiB`)], rows));
      const sent = minutes.reduce((s, x) => s + x.sent, 0);
      const errors = minutes.reduce((s, x) => s + x.errors, 0);
      // Memory: the first minute is warm-up (JIT, caches); compare the last with the second when there is one.
      const base = minutes[Math.min(1, minutes.length - 1)]!;
      const last = minutes.at(-1)!;
      const growth = PROCESS_NAMES.map((p) => [p, last.rss[p]! / base.rss[p]!] as const);
      return {
        name: 'soak',
        summary: [
          `${MINUTES} min at ${num(rate, 1)} req/s (${LOAD * 100}% of ${num(capacity, 1)} req/s): ${sent} requests, ${errors} errors, p99 per minute ${minutes.map((mm) => ms(p99(mm.latencies))).join(', ')}`,
          `RSS last/second minute: ${growth.map(([p, g]) => `${p} ${num(g, 2)}×`).join(', ')}`,
        ],
        checks: [check('errors under 0.1%', errors <= sent * 0.001, `${errors}/${sent}`), check('memory flat (last minute ≤ 1.5× the second)', growth.every(([, g]) => g <= 1.5))],
        figures: { capacity, rate, minutes: minutes.map((mm) => ({ sent: mm.sent, errors: mm.errors, p99Ms: p99(mm.latencies), rssMiB: mm.rss })) },
      };
    } finally {
      await layout.close();
      await db.drop();
    }
  },
};
