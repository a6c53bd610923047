import { createBenchDatabase } from './lib/db.js';
import { check, ms, table, type Benchmark } from './lib/report.js';
import { consumeRun, dropStream, rateLimitRun, startScaleOut } from './lib/scaleout.js';

const LIMIT = 30;
const EVENTS = Number(process.env.SCALEOUT_EVENTS ?? 5000);

/**
 * Two gateways and two processes per subgraph on this machine (events through NATS JetStream,
 * rate limits through Redis): does what must be shared stay shared?
 */
export const scaleout: Benchmark = {
  name: 'scaleout',
  description: 'two gateways + two processes per subgraph: shared rate limit, events applied once',
  async run() {
    const bench = await createBenchDatabase(4);
    const t0 = Date.now();
    const s = await startScaleOut({ databaseUrl: bench.url, basePort: 5800, channelLimit: LIMIT, readyTimeoutMs: 300_000 });
    const startMs = Date.now() - t0;
    try {
      const rl = await rateLimitRun(s.gateways, LIMIT * 3);
      const events = await consumeRun(s, EVENTS, 300_000);
      console.log(
        table('scale-out (2 gateways, 2 × 5 subgraph processes)', ['check', 'figures'], [
          ['processes up', `${2 + Object.values(s.instances).flat().length} in ${ms(startMs)}`],
          ['rate limit, channel user', `${rl.accepted} accepted of ${LIMIT * 3} (limit ${LIMIT}/min), by gateway ${rl.perGateway.join(' + ')}; ${rl.limited} RATE_LIMITED`],
          ['events to health-status', `${events.received}/${EVENTS} applied in ${ms(events.ms)} (${Math.round((events.received / events.ms) * 1000)}/s), by process ${events.perProcess.join(' + ')}, applied twice: ${events.twice}`],
        ]),
      );
      return {
        name: 'scaleout',
        summary: [`rate limit ${rl.accepted}/${LIMIT} across 2 gateways; ${events.received} events applied once by 2 processes (${events.perProcess.join('+')}) in ${ms(events.ms)}`],
        checks: [
          check('one rate-limit budget across both gateways', rl.accepted === LIMIT, JSON.stringify(rl)),
          check('every event applied', events.received === EVENTS, `${events.received}/${EVENTS}`),
          check('no event applied twice', events.twice === 0 && events.perProcess.reduce((a, b) => a + b, 0) === EVENTS, JSON.stringify(events)),
        ],
        figures: { startMs, rateLimit: rl, events },
      };
    } finally {
      await s.stop();
      await dropStream(s.natsPrefix);
      await bench.drop();
    }
  },
};
