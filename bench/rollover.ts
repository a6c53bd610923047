import { performance } from 'node:perf_hooks';
import { PostgresEventTransport } from '../common/platform/events/postgres-transport.js';
import { createLogger } from '../common/platform/logger.js';
import { migrateAll } from '../scripts/stack.js';
import { HealthStatusRepository } from '../subgraphs/health-status/db/repository.js';
import { addDays, localDate, RULE_SETS, ruleSetOn } from '../subgraphs/health-status/domain/rules.js';
import { DailyReevaluation } from '../subgraphs/health-status/modules/codes/rollover.js';
import { createBenchDatabase } from './lib/db.js';
import { check, ms, num, table, type Benchmark, type BenchOutcome, type Check } from './lib/report.js';

/**
 * Issue 10: "Benchmark the rollover at 1M residents with 5% non-green". Stored codes for RESIDENTS
 * people as of yesterday, one in twenty YELLOW (a key-area stay five days ago, four normal days
 * declared since); then the daily rollover for today, timed, and run again to show a finished day
 * costs nothing. Seeded with SQL straight into health-status's tables: the rollover reads nothing else.
 */
const RESIDENTS = Number(process.env.BENCH_ROLLOVER_RESIDENTS ?? 1_000_000);
const NON_GREEN_EVERY = 20;

export const rollover: Benchmark = {
  name: 'rollover',
  description: `the daily rollover over ${num(RESIDENTS)} stored codes, ${100 / NON_GREEN_EVERY}% non-green`,
  async run(): Promise<BenchOutcome> {
    const checks: Check[] = [];
    const db = await createBenchDatabase(4);
    try {
      const hs = (await migrateAll(db.connection))['health-status'];
      const q = db.connection.query;
      const now = new Date(`${localDate(new Date())}T00:05:00+08:00`);
      const today = localDate(now);
      const yesterday = addDays(today, -1);
      const version = ruleSetOn(RULE_SETS, today).id;
      const since = `${addDays(today, -5)}T10:00:00+08:00`;

      const t0 = performance.now();
      // md5 of the index as uuid: deterministic ids, spread over the key space as random ones are.
      await q(
        `insert into health_status.health_codes (person_id, color, rule_version, reasons, green_on, normal_days, local_date)
         select md5(i::text)::uuid, case when i % ${NON_GREEN_EVERY} = 0 then 'YELLOW' else 'GREEN' end, '${version}', '[]'::jsonb,
                null, case when i % ${NON_GREEN_EVERY} = 0 then 3 else 0 end, '${yesterday}'
         from generate_series(1, ${RESIDENTS}) i`,
      );
      await q(
        `insert into health_status.risk_designations (id, person_id, kind, since, source, created_by)
         select gen_random_uuid(), md5(i::text)::uuid, 'KEY_AREA', '${since}', 'AUTHORITY', 'bench'
         from generate_series(${NON_GREEN_EVERY}, ${RESIDENTS}, ${NON_GREEN_EVERY}) i`,
      );
      await q(
        `insert into health_status.day_facts (person_id, local_date, declared, max_temperature, declaration_version, versions_received)
         select md5(i::text)::uuid, ('${today}'::date - d), true, 36.5, 1, 1
         from generate_series(${NON_GREEN_EVERY}, ${RESIDENTS}, ${NON_GREEN_EVERY}) i, generate_series(1, 4) d`,
      );
      await q('analyze health_status.health_codes; analyze health_status.risk_designations; analyze health_status.day_facts');
      const seedMs = performance.now() - t0;
      const nonGreen = Math.floor(RESIDENTS / NON_GREEN_EVERY);
      console.log(`  seeded ${num(RESIDENTS)} codes (${num(nonGreen)} YELLOW), their designations and 4 days of facts in ${ms(seedMs)}`);

      const plan = (await q<{ 'QUERY PLAN': string }>(
        `explain select person_id from health_status.health_codes where (color <> 'GREEN' or normal_days > 0) and local_date < '${today}' order by person_id limit 500`,
      )).map((r) => r['QUERY PLAN']).join('\n');
      checks.push(check('the rollover reads the partial index of time-bound codes, not every code', plan.includes('health_codes_time_bound_idx'), plan.split('\n')[0]));

      const repo = new HealthStatusRepository(hs.db);
      const job = new DailyReevaluation({ repo, events: new PostgresEventTransport(hs.db, db.connection) }, () => now, createLogger('warn'));
      const statements0 = hs.statements.count;
      const t1 = performance.now();
      const first = await job.rollover();
      const firstMs = performance.now() - t1;
      const statements = hs.statements.count - statements0;
      const t2 = performance.now();
      const second = await job.rollover();
      const secondMs = performance.now() - t2;

      const [counts] = await q<{ today: string; yesterday_green: string; yellow: string }>(
        `select count(*) filter (where local_date = '${today}') as today,
                count(*) filter (where local_date = '${yesterday}' and color = 'GREEN') as yesterday_green,
                count(*) filter (where color = 'YELLOW' and normal_days = 4) as yellow
         from health_status.health_codes`,
      );
      checks.push(
        check(`re-evaluated exactly the ${num(nonGreen)} non-green codes`, first.timeBound === nonGreen && first.otherRuleSet === 0, JSON.stringify(first)),
        check('every non-green code is brought to today, with the rules\u2019 answer (YELLOW, 4 normal days)', Number(counts!.today) === nonGreen && Number(counts!.yellow) === nonGreen, JSON.stringify(counts)),
        check('green codes are left as they are', Number(counts!.yesterday_green) === RESIDENTS - nonGreen, counts!.yesterday_green),
        check('a second run the same day finds nothing to do', second.timeBound === 0, JSON.stringify(second)),
      );
      const rate = nonGreen / (firstMs / 1000);
      console.log(
        `\n${table(`rollover over ${num(RESIDENTS)} codes`, ['run', 're-evaluated', 'batches', 'wall time', 'codes/s', 'SQL statements'], [
          ['first of the day', num(first.timeBound), num(first.batches), ms(firstMs), num(rate), num(statements)],
          ['again, same day', num(second.timeBound), num(second.batches), ms(secondMs), '–', '–'],
        ])}`,
      );
      return {
        name: 'rollover',
        summary: [
          `rollover of ${num(RESIDENTS)} residents, ${num(nonGreen)} non-green: ${ms(firstMs)} (${num(rate)} codes/s, ${first.batches} batches of 500); a finished day: ${ms(secondMs)}`,
        ],
        checks,
        figures: { residents: RESIDENTS, nonGreen, seedMs, firstMs, secondMs, statements, codesPerSecond: rate, first, second },
      };
    } finally {
      await db.drop();
    }
  },
};
