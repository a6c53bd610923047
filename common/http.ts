import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from './logger.js';
import { registry } from './metrics.js';

export interface HttpAppOptions {
  logger: Logger;
  /** Resolves when the service can take traffic; throws (with a reason) when it cannot. */
  ready: () => Promise<void>;
  bodyLimit?: number;
  /** `/metrics` answers only `Authorization: Bearer <metricsToken>`; unset, it is open in development and not served in production. */
  metricsToken?: string;
  production?: boolean;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Who may scrape: a bearer of the token (compared in constant time), or anyone in development without one. */
export function metricsAccess(token: string | undefined, production: boolean, authorization: string | undefined): 200 | 401 | 404 {
  if (!token) return production ? 404 : 200;
  const sent = authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : '';
  return timingSafeEqual(digest(sent), digest(token)) ? 200 : 401;
}

/**
 * The HTTP shell every process shares: liveness, readiness and Prometheus metrics beside GraphQL.
 * Fastify is chosen for its low per-request overhead, which matters on the gateway's hot path.
 */
export function createHttpApp(opts: HttpAppOptions): FastifyInstance {
  const app = Fastify({
    // pino's logger is Fastify's logger; only the declared types differ.
    loggerInstance: opts.logger as FastifyBaseLogger,
    // Per-request lines would dwarf everything else; metrics carry request counts and latency.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: opts.bodyLimit ?? 2 * 1024 * 1024,
    keepAliveTimeout: 65_000,
  });
  // Fastify's own refusals (a body that is not JSON, one over bodyLimit, ...) in GraphQL's error shape,
  // so a client reads `errors[].extensions.code` whatever refused it; 5xx keep Fastify's handling.
  app.setErrorHandler((err: { statusCode?: number; message?: string }, _req, reply) => {
    const status = err.statusCode;
    if (typeof status !== 'number' || status < 400 || status >= 500) return reply.send(err);
    return reply.code(status).send({ errors: [{ message: err.message ?? 'Bad request', extensions: { code: 'BAD_REQUEST' } }] });
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    try {
      await opts.ready();
      return { status: 'ready' };
    } catch (err) {
      return reply.code(503).send({ status: 'unavailable', reason: (err as Error).message });
    }
  });
  // Metrics name operations, services and error classes: internal, so behind a scrape token.
  app.get('/metrics', async (req, reply) => {
    const access = metricsAccess(opts.metricsToken, opts.production ?? false, req.headers.authorization);
    if (access === 404) return reply.code(404).send({ error: 'metrics need METRICS_TOKEN in production' });
    if (access === 401) return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'send Authorization: Bearer <METRICS_TOKEN>' });
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
  return app;
}

/** Listens and answers the URL actually bound (port 0 picks a free one, as the tests do). */
export async function listen(app: FastifyInstance, host: string, port: number): Promise<string> {
  await app.listen({ host, port });
  const addr = app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('server has no TCP address');
  const shownHost = host === '0.0.0.0' ? '127.0.0.1' : host;
  return `http://${shownHost}:${addr.port}`;
}
