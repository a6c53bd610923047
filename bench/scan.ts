import { performance } from 'node:perf_hooks';
import { PRINCIPAL_HEADER, signPrincipal } from '../common/domain/principal.js';
import { DEMO_CHECKPOINT_ID } from '../scripts/seed.js';
import { runLoadInChild, type CheckName, type LoadRequest, type LoadRun } from './lib/load.js';
import { check, ms, num, table, type Benchmark, type BenchOutcome, type Check } from './lib/report.js';
import { devKey, mapLimit, spread, startBenchStack, type BenchStack } from './lib/stack.js';
import { startStockGateway } from './lib/stock-gateway.js';
import { benchName, benchResidentId, healthStatusCounts, seedResidents, type SeededResident } from './seed.js';

/**
 * Issue: "scans per second and p99 through the gateway with 50 connections on PostgreSQL with 100k
 * residents". Seeds the residents, reads the codes of a sample of them, and drives `verifyCode` as
 * the demo checkpoint with 50 keep-alive connections (closed loop, in a separate process): through
 * the gateway, then straight to health-status (no gateway hop), then a household read.
 */

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const RESIDENTS = env('BENCH_SCAN_RESIDENTS', 100_000);
const SAMPLE = env('BENCH_SAMPLE', 2_000);
const HOUSEHOLDS = env('BENCH_HOUSEHOLDS', 500);
const CONNECTIONS = env('BENCH_CONNECTIONS', 50);
const WARMUP_MS = env('BENCH_WARMUP_S', 3) * 1000;
const DURATION_MS = env('BENCH_DURATION_S', 20) * 1000;
const TIMEOUT_MS = 10_000;
const SETUP_CONCURRENCY = 16;
const PROJECTION = process.env.BENCH_PROJECTION === 'consumer' ? 'consumer' : 'bulk';

const VERIFY = 'mutation($input: VerifyCodeInput!) { verifyCode(input: $input) { pass reason color } }';
/** What a checkpoint screen shows: adds the masked name, one more hop (identity) through the gateway. */
const VERIFY_SCREEN = 'mutation($input: VerifyCodeInput!) { verifyCode(input: $input) { pass reason color reasons person { maskedName } } }';
const TOKEN = '{ me { healthCode { color token } } }';
const HOUSEHOLD = '{ me { displayName healthCode { color token } dependents { displayName healthCode { color } } } }';
const ADD_DEPENDENT = 'mutation($input: AddDependentInput!) { addDependent(input: $input) { linked dependent { id } } }';

interface Scenario {
  name: string;
  path: string;
  run: LoadRun;
  /** SQL statements the graph sent per request (every owner, warm-up included). */
  statementsPerRequest: number;
}

const statements = (b: BenchStack) => Object.values(b.stack.db).reduce((n, h) => n + h.statements.count, 0);

const caller = (r: SeededResident) => ({ key: r.channelKey, channelUser: r.channelUser });

export async function fetchTokens(b: BenchStack, sample: SeededResident[]): Promise<{ tokens: (string | null)[]; ms: number }> {
  const t0 = performance.now();
  const tokens = await mapLimit(sample, SETUP_CONCURRENCY, async (r) => {
    const res = await b.gql<{ me: { healthCode: { color: string; token: string } } }>(caller(r), TOKEN);
    const code = res.data?.me?.healthCode;
    return code?.color === 'GREEN' && code.token ? code.token : null;
  });
  return { tokens, ms: performance.now() - t0 };
}

/** Two household members per guardian (a child and a grandparent), added through the gateway. */
export async function addHouseholds(b: BenchStack, guardians: SeededResident[]): Promise<{ linked: number; ms: number; errors: string[] }> {
  const errors: string[] = [];
  let linked = 0;
  const t0 = performance.now();
  await mapLimit(guardians, SETUP_CONCURRENCY, async (g, j) => {
    const members = [
      { doc: benchResidentId(j, '2016-01-01'), relation: 'CHILD', name: benchName(j + 7) },
      { doc: benchResidentId(j, '1940-01-01'), relation: 'GRANDPARENT', name: benchName(j + 13) },
    ];
    for (const m of members) {
      const res = await b.gql<{ addDependent: { linked: boolean } }>(caller(g), ADD_DEPENDENT, {
        input: { name: m.name, documentNumber: m.doc.number, relation: m.relation, coResident: true },
      });
      if (res.data?.addDependent.linked) linked++;
      else if (errors.length < 5) errors.push(JSON.stringify(res.errors ?? res.data).slice(0, 300));
    }
  });
  return { linked, ms: performance.now() - t0, errors };
}

async function drive(b: BenchStack, name: string, path: string, url: string, requests: LoadRequest[], check: CheckName, durationMs = DURATION_MS): Promise<Scenario> {
  console.log(`  ${name}: ${CONNECTIONS} connections, ${WARMUP_MS / 1000} s warm-up + ${durationMs / 1000} s…`);
  const before = statements(b);
  const run = await runLoadInChild({ url, requests, connections: CONNECTIONS, warmupMs: WARMUP_MS, durationMs, timeoutMs: TIMEOUT_MS, check });
  const statementsPerRequest = (statements(b) - before) / (run.requests + run.warmupRequests || 1);
  console.log(`    ${num(run.rps)} req/s, p50 ${ms(run.latencyMs.p50)}, p99 ${ms(run.latencyMs.p99)}, errors ${run.errors.total}, ${statementsPerRequest.toFixed(1)} SQL statements/request`);
  for (const s of run.errorSamples) console.log(`    ! ${s}`);
  return { name, path, run, statementsPerRequest };
}

export const scan: Benchmark = {
  name: 'scan',
  description: `verifyCode at ${CONNECTIONS} connections over ${num(RESIDENTS)} residents: through the gateway, straight to health-status, and a household read`,
  async run(): Promise<BenchOutcome> {
    const checks: Check[] = [];
    const scenarios: Scenario[] = [];
    const setup: Record<string, unknown> = {};
    const b = await startBenchStack();
    try {
      console.log(`  database ${b.database.name}, pool ${b.config.database.poolSize}, gateway ${b.gatewayUrl}`);
      let lastLog = 0;
      const seeded = await seedResidents(b, RESIDENTS, {
        projection: PROJECTION,
        onProgress: (done, total) => {
          if (performance.now() - lastLog > 5000 || done === total) {
            lastLog = performance.now();
            console.log(`    seeded ${num(done)}/${num(total)}`);
          }
        },
      });
      const { residents, timings } = seeded;
      setup.seed = timings;
      console.log(`  seeded ${num(RESIDENTS)} residents in ${ms(timings.totalMs)} (insert ${ms(timings.insertMs)}, projection ${ms(timings.projectionMs)}, ${timings.projection})`);
      const counts = await healthStatusCounts(b);
      checks.push(check(`health-status knows all ${num(RESIDENTS)} residents and their channel users`, counts.persons === RESIDENTS && counts.bindings === RESIDENTS, JSON.stringify(counts)));

      const sample = spread(residents, SAMPLE);
      const { tokens, ms: tokenMs } = await fetchTokens(b, sample);
      const valid = tokens.filter((t): t is string => !!t);
      setup.tokens = { sample: sample.length, valid: valid.length, ms: tokenMs, perSecond: sample.length / (tokenMs / 1000) };
      console.log(`  first code read for ${num(sample.length)} residents (me { healthCode { token } }): ${ms(tokenMs)}, ${num(sample.length / (tokenMs / 1000))}/s at ${SETUP_CONCURRENCY} in flight`);
      checks.push(check('every sampled resident got a GREEN code token', valid.length === sample.length, `${valid.length}/${sample.length}`));

      const guardians = spread(sample, HOUSEHOLDS);
      const households = await addHouseholds(b, guardians);
      setup.households = { guardians: guardians.length, ...households };
      console.log(`  added ${num(households.linked)} household members (addDependent) in ${ms(households.ms)}`);
      for (const e of households.errors) console.log(`    ! ${e}`);
      checks.push(check('every guardian has 2 household members', households.linked === 2 * guardians.length, `${households.linked}/${2 * guardians.length}`));

      const gate = { 'x-api-key': devKey('dev-checkpoint') };
      const bodies = (query: string) => valid.map((token) => JSON.stringify({ query, variables: { input: { token, temperature: 36.5 } } }));
      const scans0 = await scanCount(b);

      scenarios.push(await drive(b, 'verifyCode via gateway', 'client → gateway → health-status', b.gatewayUrl, bodies(VERIFY).map((body) => ({ headers: gate, body })), 'verifyPass'));

      const principal = await signPrincipal({ kind: 'checkpoint', subject: DEMO_CHECKPOINT_ID, scopes: [] }, b.config.secrets.gatewaySecret);
      scenarios.push(
        await drive(b, 'verifyCode direct', 'client → health-status (signed principal)', b.stack.subgraphs['health-status'].url, bodies(VERIFY).map((body) => ({ headers: { [PRINCIPAL_HEADER]: principal }, body })), 'verifyPass'),
      );

      // The same scans through the stock gateway, for the ratio SPEC §10 asks of ours.
      const stock = await startStockGateway(Object.fromEntries(Object.entries(b.stack.subgraphs).map(([name, s]) => [name, s.url])));
      try {
        const signed = await signPrincipal({ kind: 'checkpoint', subject: DEMO_CHECKPOINT_ID, scopes: [] }, b.config.secrets.gatewaySecret);
        scenarios.push(
          await drive(b, 'verifyCode via stock @apollo/gateway', 'client → stock gateway (no auth, no limits) → health-status', stock.url, bodies(VERIFY).map((body) => ({ headers: { [PRINCIPAL_HEADER]: signed }, body })), 'verifyPass'),
        );
      } finally {
        await stock.close();
      }

      scenarios.push(
        await drive(b, 'verifyCode + maskedName via gateway', 'gateway → health-status → identity', b.gatewayUrl, bodies(VERIFY_SCREEN).map((body) => ({ headers: gate, body })), 'verifyPass', Math.max(5000, DURATION_MS / 2)),
      );

      const householdRequests = guardians.map((g) => ({ headers: { 'x-api-key': g.channelKey, 'x-channel-user': g.channelUser }, body: JSON.stringify({ query: HOUSEHOLD }) }));
      scenarios.push(await drive(b, 'household read via gateway', 'gateway → identity → health-status', b.gatewayUrl, householdRequests, 'household'));

      const verifies = scenarios.filter((s) => s.name.startsWith('verifyCode'));
      for (const s of scenarios) {
        checks.push(check(`${s.name}: no errors, every answer ${s.name.startsWith('verifyCode') ? 'pass: true' : 'complete (code, token, 2 members with codes)'}`, s.run.errors.total === 0 && s.run.requests > 0, JSON.stringify(s.run.errors)));
      }
      const sent = verifies.reduce((n, s) => n + s.run.requests + s.run.warmupRequests, 0);
      const logged = (await scanCount(b)) - scans0;
      checks.push(check('every verifyCode sent is in the scan log (passed)', logged === sent, `${logged} logged, ${sent} sent`));
    } finally {
      await b.close();
    }

    const gw = scenarios.find((s) => s.name === 'verifyCode via gateway')?.run;
    const direct = scenarios.find((s) => s.name === 'verifyCode direct')?.run;
    const stock = scenarios.find((s) => s.name === 'verifyCode via stock @apollo/gateway')?.run;
    console.log(
      `\n${table(
        `scan: ${num(RESIDENTS)} residents, ${num(SAMPLE)} tokens, ${CONNECTIONS} connections, ${DURATION_MS / 1000} s after ${WARMUP_MS / 1000} s warm-up`,
        ['scenario', 'path', 'req/s', 'p50', 'p90', 'p99', 'max', 'requests', 'errors', 'SQL/req', 'graph CPU'],
        scenarios.map(({ name, path, run, statementsPerRequest }) => [
          name,
          path,
          num(run.rps),
          ms(run.latencyMs.p50),
          ms(run.latencyMs.p90),
          ms(run.latencyMs.p99),
          ms(run.latencyMs.max),
          num(run.requests),
          num(run.errors.total),
          statementsPerRequest.toFixed(1),
          `${(run.serverCpuCores * 100).toFixed(0)}%`,
        ]),
      )}`,
    );
    const summary: string[] = [];
    if (gw) summary.push(`verifyCode through the gateway: ${num(gw.rps)} scans/s, p99 ${ms(gw.latencyMs.p99)} at ${CONNECTIONS} connections over ${num(RESIDENTS)} residents`);
    if (gw && direct) {
      summary.push(
        `gateway overhead: ${(direct.rps / gw.rps).toFixed(2)}× the throughput without it; p50 +${ms(gw.latencyMs.p50 - direct.latencyMs.p50)}, p99 +${ms(gw.latencyMs.p99 - direct.latencyMs.p99)}`,
      );
    }
    if (gw && stock) {
      summary.push(
        `ours vs stock @apollo/gateway: ${(gw.rps / stock.rps).toFixed(2)}× its throughput (${num(gw.rps)} vs ${num(stock.rps)} scans/s), p99 ${ms(gw.latencyMs.p99)} vs ${ms(stock.latencyMs.p99)}; ours also authenticates, rate-limits and authorizes at the edge`,
      );
    }
    const seed = setup.seed as { totalMs: number; projection: string } | undefined;
    if (seed) summary.push(`seeding ${num(RESIDENTS)} residents: ${ms(seed.totalMs)} (${seed.projection} projection; aim < 60 s: ${seed.totalMs < 60_000 ? 'met' : 'not met'})`);
    return {
      name: 'scan',
      summary,
      checks,
      figures: { residents: RESIDENTS, sample: SAMPLE, households: HOUSEHOLDS, connections: CONNECTIONS, warmupMs: WARMUP_MS, durationMs: DURATION_MS, setup, scenarios },
    };
  },
};

async function scanCount(b: BenchStack): Promise<number> {
  const [row] = await b.stack.connection.query<{ n: string }>('select count(*) as n from health_status.scans where pass');
  return Number(row!.n);
}
