import type { FastifyInstance } from 'fastify';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Principal } from '../../common/domain/principal.js';
import type { InternalClient } from '../internal-client.js';

/**
 * The public transparency report's data (issue 26): `GET /transparency/report?from=&to=` answers
 * `designationReport(from, to)` to anyone, with no key and no session, limited per client address.
 * The gateway asks health-status as a principal of its own, a dashboard-kind reader that may read
 * only what the dashboard contract shows; the report holds counters alone (no person, no officer).
 */
const PUBLIC_READER: Principal = { kind: 'dashboard', subject: 'public-transparency', scopes: [], operation: 'TransparencyReport' };

export const TRANSPARENCY_QUERY = `query TransparencyReport($from: Date!, $to: Date!) {
  designationReport(from: $from, to: $to) {
    from to
    rows { day kind basisKind organisation organisationName made approved lapsed lifted appealed upheld }
  }
}`;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function registerTransparency(app: FastifyInstance, opts: { client: InternalClient; path: string; perMinute: number }): void {
  const limiter = new RateLimiterMemory({ points: opts.perMinute, duration: 60 });
  app.get('/transparency/report', async (req, reply) => {
    try {
      await limiter.consume(req.ip);
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      return reply
        .code(429)
        .header('retry-after', String(Math.ceil(err.msBeforeNext / 1000)))
        .send({ errors: [{ message: 'Too many requests from this address; try again in a minute', extensions: { code: 'RATE_LIMITED' } }] });
    }
    const { from, to } = req.query as { from?: unknown; to?: unknown };
    if (typeof from !== 'string' || typeof to !== 'string' || !DATE.test(from) || !DATE.test(to)) {
      return reply.code(400).send({ errors: [{ message: 'from and to are local dates (YYYY-MM-DD)', extensions: { code: 'BAD_USER_INPUT', reason: 'BAD_DATE' } }] });
    }
    const res = await opts.client.post(opts.path, { query: TRANSPARENCY_QUERY, variables: { from, to }, operationName: 'TransparencyReport' }, PUBLIC_READER);
    const body = (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string; reason?: string } }[] };
    const code = body.errors?.[0]?.extensions?.code;
    const status = !body.errors ? 200 : code === 'BAD_USER_INPUT' ? 400 : 503;
    // Errors say what was wrong with the request, nothing of the subgraph behind it.
    const errors = body.errors?.map((e) => ({ message: code === 'BAD_USER_INPUT' ? e.message : 'The report is unavailable', extensions: { code: e.extensions?.code ?? 'INTERNAL_SERVER_ERROR', ...(e.extensions?.reason ? { reason: e.extensions.reason } : {}) } }));
    return reply
      .code(status)
      .header('cache-control', 'public, max-age=60')
      .send(errors ? { errors } : body);
  });
}
