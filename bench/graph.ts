import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { envPrefix, SUBGRAPHS, type SubgraphName } from '../common/platform/config.js';
import { PRINCIPAL_HEADER, signPrincipalSync, type Principal } from '../common/domain/principal.js';
import { DASHBOARD_OPERATIONS } from '../gateway/manifests.js';
import { DEMO_CHECKPOINT_ID, DEV_KEYS } from '../scripts/seed.js';
import type { BenchDatabase } from './lib/db.js';
import { runLoadInChild, type CheckName, type LoadRequest, type LoadRun } from './lib/load.js';
import { summarizeProfiles } from './lib/profile.js';
import { cpuSeconds, freePort, postgresPids, processTree, scrape, spawnService, stopService, waitOutput, waitReady, type Service } from './lib/processes.js';
import { check, median, ms, num, table, type Benchmark, type BenchOutcome, type Check } from './lib/report.js';
import { devKey, spread, startBenchStack } from './lib/stack.js';
import { addHouseholds, fetchTokens } from './scan.js';
import { healthStatusCounts, seedResidents, type SeededResident } from './seed.js';

/**
 * Issue 11 / SPEC §10: the graph in the production layout (four subgraph processes and the gateway,
 * compiled JavaScript, NODE_ENV=production, PostgreSQL) beside its peers over the same subgraphs: the
 * stock @apollo/gateway, Hive Gateway with its Rust query planner (in-flight deduplication off, and
 * on), and the owning subgraph called directly where one subgraph answers. Workloads W1–W4 run in
 * interleaved rounds; every figure is measured from outside the processes (/proc, /metrics).
 */

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const RESIDENTS = process.argv.includes('--1m') ? 1_000_000 : env('BENCH_GRAPH_RESIDENTS', 100_000);
const SAMPLE = env('BENCH_SAMPLE', 2_000);
const HOUSEHOLDS = env('BENCH_HOUSEHOLDS', 500);
const CONNECTIONS = env('BENCH_CONNECTIONS', 50);
const WARMUP_MS = env('BENCH_WARMUP_S', 2) * 1000;
const DURATION_MS = env('BENCH_DURATION_S', 8) * 1000;
const ROUNDS = env('BENCH_ROUNDS', 3);
// Round 0, not reported: every target once, briefly, so round 1 does not measure cold caches and
// unoptimised code (it ran 20–40% slower than the rounds after it). BENCH_WARM_ROUND=0 skips it.
const WARM_ROUND_MS = env('BENCH_WARM_ROUND', 1) ? 5_000 : 0;
// One: on this 2-core machine the subgraphs and PostgreSQL already take both cores, and a second gateway
// worker measured 1.2–2.3× the CPU per operation of one (each less busy process batches less per wake-up).
const GATEWAY_WORKERS = env('BENCH_GATEWAY_WORKERS', 1);
const POOL = env('BENCH_SUBGRAPH_POOL', 8);
const TIMEOUT_MS = 10_000;
/** `BENCH_PROFILE=W2`: only that workload, only our gateway, its processes under `node --cpu-prof`. */
const PROFILE = process.env.BENCH_PROFILE as Workload['id'] | undefined;
/** `BENCH_PROFILE_PROCESS=health-status`: profile that subgraph instead of the gateway. */
const PROFILE_PROCESS = process.env.BENCH_PROFILE_PROCESS ?? 'gateway';
/** `BENCH_WORKLOADS=W1,W2` and `BENCH_TARGETS=ours,stock`: a subset, for a quick comparison (the README's table runs all). */
const only = (name: string) => process.env[name]?.split(',').map((s) => s.trim()).filter(Boolean);
const ONLY_WORKLOADS = only('BENCH_WORKLOADS');
const ONLY_TARGETS = only('BENCH_TARGETS');
const METRICS_TOKEN = 'bench-metrics-token-0123456789';
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const VERIFY = 'mutation Verify($input: VerifyCodeInput!) { verifyCode(input: $input) { pass reason color } }';
const HOUSEHOLD = 'query Household { me { displayName healthCode { color token } dependents { displayName healthCode { color } } } }';
const DECLARE = 'mutation Declare($input: SubmitDeclarationInput!) { submitDeclaration(input: $input) { declaration { id date normal } } }';
/**
 * The dashboard page's published ColorCounts (schema/dashboard-operations.json), as a dashboard sends
 * it: flagged callerIndependent there, so identical ones in flight share one answer at our gateway.
 */
const COLOR_COUNTS = (() => {
  const manifest = JSON.parse(readFileSync(DASHBOARD_OPERATIONS, 'utf8')) as { operations: { name: string; body: string; callerIndependent?: boolean }[] };
  const op = manifest.operations.find((o) => o.name === 'ColorCounts' && o.callerIndependent);
  if (!op) throw new Error(`no callerIndependent ColorCounts in ${DASHBOARD_OPERATIONS}`);
  return op.body;
})();

type TargetName = 'ours' | 'stock' | 'hive' | 'hive-dedup' | 'direct';
const TARGETS: Record<TargetName, string> = {
  ours: 'our gateway',
  stock: 'stock @apollo/gateway',
  hive: 'Hive Gateway + Rust planner',
  'hive-dedup': 'Hive + Rust planner, dedup on',
  direct: 'subgraph directly (floor)',
};

interface Workload {
  id: 'W1' | 'W2' | 'W3' | 'W4';
  title: string;
  check: CheckName;
  /** The one subgraph that answers it alone, for the floor row. */
  direct?: SubgraphName;
  /** One request per varied caller: its body and whom it acts as. */
  items: { body: string; key: string; channelUser?: string; principal: Principal }[];
}

interface Measurement {
  round: number;
  workload: Workload['id'];
  target: TargetName;
  run: LoadRun;
  /** Per request sent (warm-up included): SQL statements and calls each subgraph answered. */
  sqlPerOp: number;
  subgraphCallsPerOp: number;
  /** CPU milliseconds per request sent, per process (the gateway row sums its workers). */
  cpuMsPerOp: Record<string, number>;
}

const keyId = (key: string) => DEV_KEYS.find((k) => k.key === key)!.id;
const channelPrincipal = (r: SeededResident): Principal => ({ kind: 'channel', subject: r.channel, channelUser: r.channelUser, scopes: [], credentialId: keyId(r.channelKey) });

function build(): void {
  if (process.env.BENCH_SKIP_BUILD === '1') return;
  console.log('  npm run build (the compiled JavaScript production runs)…');
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { cwd: ROOT, stdio: 'inherit' });
}

export const graph: Benchmark = {
  name: 'graph',
  description: `W1–W4 in the production layout (separate processes, PostgreSQL, ${num(RESIDENTS)} residents; --1m for 1,000,000): ours, stock @apollo/gateway, Hive + Rust planner, the subgraph alone`,
  async run(): Promise<BenchOutcome> {
    const checks: Check[] = [];
    const measurements: Measurement[] = [];
    const setup: Record<string, unknown> = {};
    const notes: string[] = [];
    build();
    // Seeding and the first code reads go through the in-process graph (bench/lib/stack.ts); then it
    // stops and the production processes take over the same database.
    // Setup calls wait longer than production's 2 s subgraph deadline: the machine may be busy.
    const b = await startBenchStack({ GATEWAY_SUBGRAPH_TIMEOUT_MS: '20000', GATEWAY_SUBGRAPH_MUTATION_TIMEOUT_MS: '30000' });
    const services: Service[] = [];
    const profileDir = PROFILE ? mkdtempSync(join(tmpdir(), 'hcg-gateway-profile-')) : undefined;
    try {
      const seeded = await seedResidents(b, RESIDENTS, { projection: 'bulk' });
      setup.seed = seeded.timings;
      console.log(`  seeded ${num(RESIDENTS)} residents in ${ms(seeded.timings.totalMs)}`);
      const counts = await healthStatusCounts(b);
      checks.push(check(`health-status knows all ${num(RESIDENTS)} residents`, counts.persons === RESIDENTS, JSON.stringify(counts)));
      const sample = spread(seeded.residents, SAMPLE);
      const { tokens } = await fetchTokens(b, sample);
      const withTokens = sample.map((r, i) => ({ r, token: tokens[i] })).filter((x): x is { r: SeededResident; token: string } => !!x.token);
      checks.push(check('every sampled resident got a GREEN code token', withTokens.length === sample.length, `${withTokens.length}/${sample.length}`));
      const guardians = spread(sample, HOUSEHOLDS);
      const households = await addHouseholds(b, guardians);
      checks.push(check('every guardian has 2 household members', households.linked === 2 * guardians.length, `${households.linked}/${2 * guardians.length}`));
      await b.stack.close();

      // The production processes, as docs/operations.md starts them.
      const ports = Object.fromEntries(await Promise.all([...SUBGRAPHS, 'gateway', 'stock', 'hive', 'hive-dedup'].map(async (n) => [n, await freePort()]))) as Record<string, number>;
      const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((n) => [n, `http://127.0.0.1:${ports[n]}/graphql`])) as Record<SubgraphName, string>;
      const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => ['PATH', 'HOME', 'TZ', 'LANG', 'DATABASE_PREPARE'].includes(k))) as Record<string, string>;
      const { secrets } = b.config;
      const prodEnv: Record<string, string> = {
        ...inherited,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        DATABASE_URL: b.database.url,
        DATABASE_POOL_SIZE: String(POOL),
        GATEWAY_SECRET: secrets.gatewaySecret,
        DOCUMENT_ENCRYPTION_KEY: secrets.documentEncryptionKey.toString('base64'),
        DOCUMENT_INDEX_KEY: secrets.documentIndexKey.toString('base64'),
        CODE_SIGNING_KEYS: JSON.stringify({ keys: secrets.codeSigningKeys }),
        CODE_TOKEN_TTL_SECONDS: '1800',
        METRICS_TOKEN,
        // One benchmark checkpoint stands for a province's gates; every target runs the same text.
        RATE_LIMITS: 'off',
        PERSISTED_OPERATIONS: 'off',
        ...Object.fromEntries(SUBGRAPHS.flatMap((n) => [[`${envPrefix(n)}_PORT`, String(ports[n])], [`${envPrefix(n)}_URL`, subgraphUrls[n]]])),
      };
      const origin = (port: number) => `http://127.0.0.1:${port}`;
      const profiled = (name: string) => (profileDir && PROFILE_PROCESS === name ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
      for (const n of SUBGRAPHS) services.push(spawnService(n, [...profiled(n), `dist/subgraphs/${n}/main.js`], prodEnv, origin(ports[n]!)));
      await Promise.all(services.map((s) => waitReady(s, '/readyz')));
      const gateway = spawnService('gateway', [...profiled('gateway'), 'dist/gateway/main.js'], { ...prodEnv, GATEWAY_PORT: String(ports.gateway), GATEWAY_WORKERS: String(GATEWAY_WORKERS), DATABASE_POOL_SIZE: '4' }, origin(ports.gateway!));
      const peerEnv = { ...inherited, NODE_ENV: 'production', BENCH_SUBGRAPH_URLS: JSON.stringify(subgraphUrls) };
      services.push(gateway);
      const peersUp = new Set<TargetName>(['ours']);
      // Peers run their bench/peers entry under tsx: their own code is a few lines, the rest is the package's JavaScript.
      const peer = (name: 'stock' | 'hive' | 'hive-dedup', args: string[], extra: Record<string, string>) => {
        const svc = spawnService(name, ['--import', 'tsx', ...args], { ...peerEnv, BENCH_PORT: String(ports[name]), ...extra }, origin(ports[name]!));
        services.push(svc);
        return svc;
      };
      const peerOrigin = (name: string) => origin(ports[name]!);
      if (!PROFILE) {
        const stock = peer('stock', ['bench/peers/stock.ts'], {});
        const hive = peer('hive', ['bench/peers/hive.ts'], { BENCH_DEDUP: '0' });
        const hiveDedup = peer('hive-dedup', ['bench/peers/hive.ts'], { BENCH_DEDUP: '1' });
        await waitOutput(stock, /stock gateway http/);
        peersUp.add('stock').add('direct');
        for (const [name, svc] of [['hive', hive], ['hive-dedup', hiveDedup]] as const) {
          try {
            await waitOutput(svc, /hive gateway http/);
            peersUp.add(name);
          } catch (err) {
            notes.push(`${TARGETS[name]} did not start: ${String((err as Error).message).split('\n')[0]}`);
            console.log(`  ! ${notes.at(-1)}`);
          }
        }
      }
      await waitReady(gateway, '/readyz');
      // Worker pids appear once the primary has forked them.
      const pids: Record<string, number[]> = Object.fromEntries(services.map((s) => [s.name, s.name === 'gateway' ? processTree(s.child.pid!) : [s.child.pid!]]));
      setup.processes = Object.fromEntries(Object.entries(pids).map(([k, v]) => [k, v.length]));

      const checkpoint: Principal = { kind: 'checkpoint', subject: DEMO_CHECKPOINT_ID, scopes: [], credentialId: 'dev-checkpoint' };
      const dashboard: Principal = { kind: 'dashboard', subject: 'ops-dashboard', scopes: [], credentialId: 'dev-dashboard' };
      const workloads: Workload[] = [
        {
          id: 'W1',
          title: 'checkpoint verifyCode',
          check: 'verifyPass',
          direct: 'health-status',
          items: withTokens.map(({ token }) => ({ body: JSON.stringify({ query: VERIFY, variables: { input: { token, temperature: 36.5 } } }), key: devKey('dev-checkpoint'), principal: checkpoint })),
        },
        {
          id: 'W2',
          title: "resident's code + household",
          check: 'household',
          items: guardians.map((g) => ({ body: JSON.stringify({ query: HOUSEHOLD }), key: g.channelKey, channelUser: g.channelUser, principal: channelPrincipal(g) })),
        },
        {
          id: 'W3',
          title: 'submitDeclaration',
          check: 'none',
          direct: 'declarations',
          items: sample.map((r) => ({ body: JSON.stringify({ query: DECLARE, variables: { input: { temperature: 36.5 } } }), key: r.channelKey, channelUser: r.channelUser, principal: channelPrincipal(r) })),
        },
        {
          id: 'W4',
          title: 'dashboard colorCounts(CITY)',
          check: 'none',
          direct: 'health-status',
          items: [{ body: JSON.stringify({ query: COLOR_COUNTS, variables: { level: 'CITY' } }), key: devKey('dev-dashboard'), principal: dashboard }],
        },
      ];
      const urlOf = (t: TargetName, w: Workload): string =>
        t === 'ours' ? `${gateway.origin}/graphql` : t === 'direct' ? subgraphUrls[w.direct!] : t === 'stock' ? `${peerOrigin('stock')}/` : `${peerOrigin(t)}/graphql`;

      for (let round = WARM_ROUND_MS ? 0 : 1; round <= ROUNDS; round++) {
        for (const w of workloads.filter((x) => (!PROFILE || x.id === PROFILE) && (!ONLY_WORKLOADS || ONLY_WORKLOADS.includes(x.id)))) {
          const targets = (Object.keys(TARGETS) as TargetName[]).filter((t) => peersUp.has(t) && (t !== 'direct' || w.direct) && (!ONLY_TARGETS || ONLY_TARGETS.includes(t)));
          // Interleaved: each round starts the rotation one target later, so no target always runs first.
          const order = targets.map((_, i) => targets[(i + round - 1 + targets.length) % targets.length]!);
          for (const target of order) {
            // Statements and CPU are charged to the run whose requests caused them: the consumers first
            // apply what the previous run left (a saturated machine leaves a backlog), and again after this
            // run, before its closing snapshot (issue 24: in a cyclic rotation ours always follows the same
            // target, so a window counting the consumers' work as it happened charged ours with another's).
            await eventsSettled(b.database);
            // Signed right before the run: a principal header lives 60 s.
            const now = Math.floor(Date.now() / 1000);
            const requests: LoadRequest[] = w.items.map((it) => {
              const headers: Record<string, string> = {};
              if (target !== 'ours') headers[PRINCIPAL_HEADER] = signPrincipalSync(it.principal, secrets.gatewaySecret, now);
              else {
                headers['x-api-key'] = it.key;
                if (it.channelUser) headers['x-channel-user'] = it.channelUser;
              }
              return { body: it.body, headers };
            });
            const measured = services.filter((s) => SUBGRAPHS.includes(s.name as SubgraphName) || s.name === (target === 'direct' ? '' : target === 'ours' ? 'gateway' : target));
            const before = await snapshot(measured, pids);
            const run = await runLoadInChild({ url: urlOf(target, w), requests, connections: CONNECTIONS, warmupMs: WARMUP_MS, durationMs: round === 0 ? WARM_ROUND_MS : DURATION_MS, timeoutMs: TIMEOUT_MS, check: w.check });
            if (round === 0) {
              console.log(`  r0 ${w.id} ${TARGETS[target].padEnd(30)} warm-up, not reported (${num(run.rps)} req/s, ${run.errors.total} errors)`);
              continue;
            }
            const settleMs = await eventsSettled(b.database);
            const after = await snapshot(measured, pids);
            const sent = run.requests + run.warmupRequests || 1;
            const m: Measurement = {
              round,
              workload: w.id,
              target,
              run,
              sqlPerOp: (after.sql - before.sql) / sent,
              subgraphCallsPerOp: (after.calls - before.calls) / sent,
              cpuMsPerOp: Object.fromEntries(Object.keys(after.cpu).map((k) => [k === 'stock' || k.startsWith('hive') ? 'gateway' : k, ((after.cpu[k]! - before.cpu[k]!) * 1000) / sent])),
            };
            measurements.push(m);
            console.log(
              `  r${round} ${w.id} ${TARGETS[target].padEnd(30)} ${num(run.rps).padStart(6)} req/s p50 ${ms(run.latencyMs.p50)} p99 ${ms(run.latencyMs.p99)} err ${run.errors.total} events settled ${settleMs >= SETTLE_CAP_MS ? `NOT in ${ms(settleMs)}` : `${ms(settleMs)} after`} SQL/op ${m.sqlPerOp.toFixed(1)} calls/op ${m.subgraphCallsPerOp.toFixed(2)} gateway CPU ${(m.cpuMsPerOp.gateway ?? 0).toFixed(2)} ms/op PostgreSQL CPU ${(m.cpuMsPerOp.postgres ?? 0).toFixed(2)} ms/op`,
            );
            for (const s of run.errorSamples.slice(0, 2)) console.log(`    ! ${s}`);
          }
        }
      }
      for (const w of workloads) {
        for (const t of Object.keys(TARGETS) as TargetName[]) {
          const rows = measurements.filter((m) => m.workload === w.id && m.target === t);
          if (rows.length) checks.push(check(`${w.id} via ${TARGETS[t]}: answered without errors`, rows.every((m) => m.run.errors.total === 0 && m.run.requests > 0), rows.map((m) => m.run.errors.total).join('/')));
        }
      }
    } finally {
      await Promise.all(services.map(stopService));
      await b.database.drop();
    }
    if (profileDir) {
      const profile = summarizeProfiles(profileDir);
      if (process.env.BENCH_KEEP_PROFILE !== '1') rmSync(profileDir, { recursive: true, force: true });
      else console.log(`  profiles kept in ${profileDir}`);
      const top = profile.shares.slice(0, 15).map((s) => `${s.category} ${s.percent.toFixed(1)}%`);
      notes.push(`${PROFILE_PROCESS}'s CPU profile under ${PROFILE} (${(profile.samplesMs / 1000).toFixed(1)} s of samples, self time, idle excluded): ${top.join(', ')}`);
      console.log(`  ${notes.at(-1)}`);
    }

    const { text, markdown, summary } = report(measurements);
    console.log(`\n${text}`);
    const md = `# npm run bench -- graph\n\n${markdown}\n\n${[...summary, ...notes].map((s) => `- ${s}`).join('\n')}\n`;
    writeFileSync(new URL('./results/graph.md', import.meta.url), md);
    return {
      name: 'graph',
      summary: [...summary, ...notes],
      checks,
      figures: { residents: RESIDENTS, sample: SAMPLE, households: HOUSEHOLDS, connections: CONNECTIONS, warmupMs: WARMUP_MS, durationMs: DURATION_MS, rounds: ROUNDS, gatewayWorkers: GATEWAY_WORKERS, setup, measurements, markdown },
    };
  },
};

const CONSUMER_SCHEMAS = ['identity', 'declarations', 'health_status', 'interop', 'eid'];
/** BENCH_SETTLE=0: snapshots as the load ends, as before issue 24 (to compare the accounting). */
const SETTLE = env('BENCH_SETTLE', 1);
const SETTLE_CAP_MS = 15_000;

/**
 * Until every consumer has applied every event of every stream it reads (at most 15 s): beyond its
 * offset, in the log's (transaction id, id) order, every event is in its inbox (an offset advances only over the settled part of the log, so
 * the last events applied may stay there until newer ones come). Answers how long that took.
 */
async function eventsSettled(database: BenchDatabase): Promise<number> {
  const started = performance.now();
  if (!SETTLE) return 0;
  const q = database.connection.query;
  const offsets = CONSUMER_SCHEMAS.map((s) => `select '${s}' as schema, consumer, stream, txid::text as txid, last_id from ${s}.event_offsets`).join(' union all ');
  while (performance.now() - started < SETTLE_CAP_MS) {
    let pending = 0;
    for (const r of await q<{ schema: string; consumer: string; stream: string; txid: string; last_id: string }>(offsets)) {
      const [schema, table = 'events'] = r.stream.split('.');
      // The log's order is (transaction id, id), as the consumers read it (common/platform/events/postgres-transport.ts).
      const [row] = await q<{ n: number }>(
        `select count(*)::int as n from "${schema}"."${table}" e where (e.txid, e.id) > ($1::xid8, $2::bigint)
           and not exists (select 1 from "${r.schema}".event_inbox i where i.consumer = $3 and i.stream = $4 and i.event_id = e.id)`,
        [r.txid, r.last_id, r.consumer, r.stream],
      );
      pending += row?.n ?? 0;
    }
    if (!pending) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return performance.now() - started;
}

async function snapshot(services: Service[], pids: Record<string, number[]>): Promise<{ sql: number; calls: number; cpu: Record<string, number> }> {
  let sql = 0;
  let calls = 0;
  const cpu: Record<string, number> = {};
  await Promise.all(
    services.map(async (s) => {
      cpu[s.name] = cpuSeconds(pids[s.name] ?? []);
      if (!SUBGRAPHS.includes(s.name as SubgraphName)) return;
      const m = await scrape(s.origin, METRICS_TOKEN, ['hcg_sql_statements_total', 'hcg_subgraph_http_requests_total']);
      sql += m.hcg_sql_statements_total!;
      calls += m.hcg_subgraph_http_requests_total!;
    }),
  );
  cpu.postgres = cpuSeconds(postgresPids());
  return { sql, calls, cpu };
}

const range = (values: number[], f: (v: number) => string) => {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? f(lo) : `${f(lo)}–${f(hi)}`;
};

function report(measurements: Measurement[]): { text: string; markdown: string; summary: string[] } {
  const header = ['workload', 'target', 'req/s', 'p50', 'p99', 'errors', 'SQL/op', 'subgraph calls/op', 'gateway CPU ms/op', 'subgraphs CPU ms/op', 'PostgreSQL CPU ms/op', 'ours ÷ it (req/s)'];
  const rows: string[][] = [];
  const summary: string[] = [];
  const byWorkload = [...new Set(measurements.map((m) => m.workload))];
  for (const w of byWorkload) {
    const ours = measurements.filter((m) => m.workload === w && m.target === 'ours');
    for (const t of Object.keys(TARGETS) as TargetName[]) {
      const rs = measurements.filter((m) => m.workload === w && m.target === t);
      if (!rs.length) continue;
      const ratios = rs.map((m) => ours.find((o) => o.round === m.round)?.run.rps ?? NaN).map((o, i) => o / rs[i]!.run.rps);
      rows.push([
        w,
        TARGETS[t],
        range(rs.map((m) => m.run.rps), (v) => num(v)),
        ms(median(rs.map((m) => m.run.latencyMs.p50))),
        range(rs.map((m) => m.run.latencyMs.p99), ms),
        num(rs.reduce((n, m) => n + m.run.errors.total, 0)),
        median(rs.map((m) => m.sqlPerOp)).toFixed(1),
        median(rs.map((m) => m.subgraphCallsPerOp)).toFixed(2),
        t === 'direct' ? '–' : range(rs.map((m) => m.cpuMsPerOp.gateway ?? NaN), (v) => v.toFixed(2)),
        range(rs.map((m) => SUBGRAPHS.reduce((s, n) => s + (m.cpuMsPerOp[n] ?? 0), 0)), (v) => v.toFixed(2)),
        range(rs.map((m) => m.cpuMsPerOp.postgres ?? NaN), (v) => v.toFixed(2)),
        t === 'ours' ? '–' : range(ratios, (v) => `${v.toFixed(2)}×`),
      ]);
    }
  }
  const text = table(`graph: ${num(RESIDENTS)} residents, ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${DURATION_MS / 1000} s (+${WARMUP_MS / 1000} s warm-up); ranges over rounds`, header, rows);
  const markdown = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  const med = (w: string, t: TargetName, f: (m: Measurement) => number) => median(measurements.filter((m) => m.workload === w && m.target === t).map(f));
  const target = (label: string, value: number, goal: number, unit: string, better: 'higher' | 'lower') => {
    const met = better === 'higher' ? value >= goal : value <= goal;
    return `${label}: ${Number.isFinite(value) ? value.toFixed(unit === '×' ? 2 : 0) : '–'}${unit} (target ${better === 'higher' ? '≥' : '≤'} ${goal}${unit}): ${met ? 'met' : `missed by ${better === 'higher' ? (goal / value).toFixed(2) : (value / goal).toFixed(2)}×`}`;
  };
  summary.push(target('W1 through our gateway', med('W1', 'ours', (m) => m.run.rps), 800, ' req/s', 'higher'));
  summary.push(target('W2 through our gateway', med('W2', 'ours', (m) => m.run.rps), 400, ' req/s', 'higher'));
  summary.push(target('W3 through our gateway', med('W3', 'ours', (m) => m.run.rps), 200, ' req/s', 'higher'));
  summary.push(target('W4 through our gateway', med('W4', 'ours', (m) => m.run.rps), 1000, ' req/s', 'higher'));
  summary.push(target('W1 p99', med('W1', 'ours', (m) => m.run.latencyMs.p99), 100, ' ms', 'lower'));
  summary.push(target('W2 p99', med('W2', 'ours', (m) => m.run.latencyMs.p99), 100, ' ms', 'lower'));
  for (const w of ['W1', 'W2']) {
    const ratio = med(w, 'ours', (m) => m.cpuMsPerOp.gateway ?? NaN) / med(w, 'stock', (m) => m.cpuMsPerOp.gateway ?? NaN);
    summary.push(target(`${w} our gateway's CPU per op ÷ stock's`, ratio, 0.33, '×', 'lower'));
  }
  for (const w of byWorkload) {
    const ratio = med(w, 'ours', (m) => m.run.rps) / med(w, 'hive', (m) => m.run.rps);
    if (Number.isFinite(ratio)) summary.push(target(`${w} ours ÷ Hive + Rust planner (dedup off)`, ratio, 1, '×', 'higher'));
  }
  return { text, markdown, summary };
}
