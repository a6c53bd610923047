import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from './logger.js';
import { registry } from './metrics.js';

export interface HttpAppOptions {
  logger: Logger;
  /** Resolves when the service can take traffic; throws (with a reason) when it cannot. */
  ready: () => Promise<void>;
  bodyLimit?: number;
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
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    try {
      await opts.ready();
      return { status: 'ready' };
    } catch (err) {
      return reply.code(503).send({ status: 'unavailable', reason: (err as Error).message });
    }
  });
  app.get('/metrics', async (_req, reply) => {
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
