import { performance } from 'node:perf_hooks';
import { systemActor } from '../common/platform/audit.js';
import { PostgresEventTransport } from '../common/platform/events/postgres-transport.js';
import { HealthStatusRepository } from '../subgraphs/health-status/db/repository.js';
import { reevaluate } from '../subgraphs/health-status/modules/codes/evaluation.js';
import { devKey, mapLimit, spread, startBenchStack, type BenchStack } from './lib/stack.js';
import { check, ms, num, table, type Benchmark, type BenchOutcome, type Check } from './lib/report.js';
import { seedResidents, type SeededResident } from './seed.js';

/**
 * Issue 25: "the designation of a place window ... bulk and idempotent, measured at 100,000
 * check-ins". One stack on a fresh PostgreSQL database; VISITORS residents check in CHECK_INS times
 * in all at one market inside a two-hour window (as a busy market's day: most come more than once),
 * with decoys (the same market before the window, another place inside it). The authority then
 * sends one `designatePlaceWindow` through the gateway, timed; then the same call again (idempotent,
 * it must designate no one). Not a test: `npm run bench -- places`.
 */

const CHECK_INS = Number(process.env.BENCH_PLACE_CHECKINS ?? 100_000);
const VISITORS = Number(process.env.BENCH_PLACE_VISITORS ?? 25_000);
const DECOYS = Number(process.env.BENCH_PLACE_DECOYS ?? 2_000);
const SAMPLE = 20;

const REGISTER = 'mutation($i: RegisterPlaceInput!) { registerPlace(input: $i) { place { id } } }';
const DESIGNATE = 'mutation($i: DesignatePlaceWindowInput!) { designatePlaceWindow(input: $i) { designated window { id designated } } }';
const COLOR = '{ me { healthCode { color reasons { code source } } } }';

async function warmCodes(b: BenchStack, residents: SeededResident[]): Promise<number> {
  const deps = { repo: new HealthStatusRepository(b.stack.db['health-status'].db), events: new PostgresEventTransport(b.stack.db['health-status'].db, b.stack.connection) };
  const batches: string[][] = [];
  for (let i = 0; i < residents.length; i += 1000) batches.push(residents.slice(i, i + 1000).map((r) => r.personId));
  const t0 = performance.now();
  await mapLimit(batches, 2, (batch) => deps.repo.transaction((tx) => reevaluate(deps, tx, batch, new Date(), systemActor('bench/warm'))));
  return performance.now() - t0;
}

/** Check-ins written set-based (the counters' trigger runs on them as on real ones): `n` spread over the people and [from, from + spanMs). */
async function insertVisits(b: BenchStack, placeId: string, personIds: string[], n: number, from: number, spanMs: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i += 10_000) {
    const count = Math.min(10_000, n - i);
    await b.stack.connection.query(
      `insert into health_status.place_visits (id, place_id, person_id, at, color)
       select gen_random_uuid(), $1::uuid, (($2::uuid[])[1 + ((g - 1) % array_length($2::uuid[], 1))]), to_timestamp(($3::bigint + (g * 7919 % $4::bigint)) / 1000.0), 'GREEN'
       from generate_series($5::int, $6::int) g`,
      [placeId, personIds, from, spanMs, i + 1, i + count],
    );
  }
  return performance.now() - t0;
}

export const places: Benchmark = {
  name: 'places',
  description: `designatePlaceWindow over ${num(CHECK_INS)} check-ins by ${num(VISITORS)} residents, through the gateway, then again (idempotent)`,
  async run(): Promise<BenchOutcome> {
    const checks: Check[] = [];
    const log = (s: string) => console.log(s);
    // A window this size runs longer than the gateway's default 10 s for a mutation (docs/operations.md).
    const b = await startBenchStack({ GATEWAY_SUBGRAPH_MUTATION_TIMEOUT_MS: '120000' });
    try {
      log(`  database ${b.database.name}, pool ${b.config.database.poolSize}, gateway ${b.gatewayUrl}`);
      const { residents, timings } = await seedResidents(b, VISITORS + 2 * DECOYS, { projection: 'bulk', analyze: true });
      log(`  seeded ${num(residents.length)} residents in ${ms(timings.totalMs)}`);
      const warmMs = await warmCodes(b, residents);
      log(`  stored today's GREEN code for each in ${ms(warmMs)}`);
      const visitors = residents.slice(0, VISITORS);
      const early = residents.slice(VISITORS, VISITORS + DECOYS);
      const elsewhere = residents.slice(VISITORS + DECOYS);

      const authority = { key: devKey('dev-authority') };
      const reg = async (name: string) => (await b.gql<{ registerPlace: { place: { id: string } } }>(authority, REGISTER, { i: { name, county: '450103', kind: 'MARKET' } })).data!.registerPlace.place.id;
      const market = await reg('东盟商贸城农贸市场');
      const other = await reg('凤岭便利店');
      const end = Date.now() - 3_600_000;
      const from = end - 2 * 3_600_000;
      const insertMs =
        (await insertVisits(b, market, visitors.map((r) => r.personId), CHECK_INS, from, 2 * 3_600_000)) +
        (await insertVisits(b, market, early.map((r) => r.personId), DECOYS, from - 3_600_000, 3_600_000)) +
        (await insertVisits(b, other, elsewhere.map((r) => r.personId), DECOYS, from, 2 * 3_600_000));
      await b.stack.connection.query('analyze health_status.place_visits');
      log(`  wrote ${num(CHECK_INS + 2 * DECOYS)} check-ins in ${ms(insertMs)}`);

      const input = { placeId: market, from: new Date(from).toISOString(), to: new Date(end).toISOString(), basis: { kind: 'EPIDEMIOLOGICAL_REPORT', reference: '南疾控流调〔2026〕118号' } };
      const call = async () => {
        const s0 = b.stack.db['health-status'].statements.count;
        const t0 = performance.now();
        const res = await b.gql<{ designatePlaceWindow: { designated: number; window: { designated: number } } }>(authority, DESIGNATE, { i: input });
        return { res, wallMs: performance.now() - t0, statements: b.stack.db['health-status'].statements.count - s0 };
      };
      const first = await call();
      log(`  designatePlaceWindow: ${ms(first.wallMs)}, designated ${first.res.data?.designatePlaceWindow.designated}, ${num(first.statements)} health-status SQL statements`);
      const again = await call();
      log(`  again: ${ms(again.wallMs)}, designated ${again.res.data?.designatePlaceWindow.designated}`);
      checks.push(
        check('designatePlaceWindow answered without errors', !first.res.errors, JSON.stringify(first.res.errors ?? '').slice(0, 300)),
        check(`designated === ${VISITORS} (each visitor once, however often they came)`, first.res.data?.designatePlaceWindow.designated === VISITORS, `${first.res.data?.designatePlaceWindow.designated}`),
        check('again: designated === 0 (idempotent)', again.res.data?.designatePlaceWindow.designated === 0 && again.res.data.designatePlaceWindow.window.designated === VISITORS, JSON.stringify(again.res.data ?? again.res.errors)),
      );
      const [stored] = await b.stack.connection.query<{ n: string }>(`select count(*) as n from health_status.risk_designations where source = $1`, [`PLACE:${market}`]);
      checks.push(check(`stored designations from the place === ${VISITORS}`, Number(stored!.n) === VISITORS, stored!.n));
      const colourOf = async (r: SeededResident) => (await b.gql<{ me: { healthCode: { color: string; reasons: { code: string; source: string }[] } } }>({ key: r.channelKey, channelUser: r.channelUser }, COLOR)).data?.me.healthCode;
      const yellow = (await mapLimit(spread(visitors, SAMPLE), 5, colourOf)).filter((c) => c?.color === 'YELLOW' && c.reasons.some((x) => x.code === 'Y_KEY_AREA' && x.source === `PLACE:${market}`)).length;
      const green = (await mapLimit([...spread(early, SAMPLE / 2), ...spread(elsewhere, SAMPLE / 2)], 5, colourOf)).filter((c) => c?.color === 'GREEN').length;
      checks.push(check('sampled visitors read YELLOW (Y_KEY_AREA from the place)', yellow === SAMPLE, `${yellow}/${SAMPLE}`), check('sampled decoys (before the window, another place) read GREEN', green === SAMPLE, `${green}/${SAMPLE}`));

      console.log(
        `\n${table(
          `places: designatePlaceWindow over ${num(CHECK_INS)} check-ins by ${num(VISITORS)} residents, one call through the gateway as the authority`,
          ['call', 'wall time', 'designated', 'health-status SQL'],
          [
            ['first', ms(first.wallMs), first.res.data?.designatePlaceWindow.designated ?? '–', num(first.statements)],
            ['again (idempotent)', ms(again.wallMs), again.res.data?.designatePlaceWindow.designated ?? '–', num(again.statements)],
          ],
        )}`,
      );
      return {
        name: 'places',
        summary: [
          `designatePlaceWindow over ${num(CHECK_INS)} check-ins (${num(VISITORS)} distinct visitors): ${ms(first.wallMs)}; again (idempotent, 0 designated): ${ms(again.wallMs)}`,
          `${num(first.statements)} health-status SQL statements for the first call (set-based insert, audit and re-evaluation in batches of 1,000)`,
        ],
        checks,
        figures: { checkIns: CHECK_INS, visitors: VISITORS, decoys: DECOYS, firstMs: first.wallMs, againMs: again.wallMs, firstStatements: first.statements, againStatements: again.statements, seedMs: timings.totalMs, warmMs, insertMs },
      };
    } finally {
      await b.close();
    }
  },
};
