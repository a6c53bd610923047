import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from './logger.js';
import { registry } from './metrics.js';
import { requestScope } from './request-scope.js';

export interface HttpAppOptions {
  logger: Logger;
  /**
   * Resolves when the service can take traffic, optionally with details for `/readyz` (e.g. each
   * subgraph's breaker); throws (with a reason, and details in a `NotReadyError`) when it cannot.
   */
  ready: () => Promise<void | Record<string, unknown>>;
  bodyLimit?: number;
  /** `/metrics` answers only `Authorization: Bearer <metricsToken>`; unset, it is open in development and not served in production. */
  metricsToken?: string;
  production?: boolean;
  /** Take `x-request-id` from the caller (a subgraph behind the gateway); the gateway makes its own. */
  trustRequestId?: boolean;
  /** Fastify's `trustProxy`: the proxies whose X-Forwarded-For gives `request.ip` (the gateway's address limit). */
  trustProxy?: number | string;
}

/** The methods GraphQL over HTTP serves; any other on the GraphQL path gets 405, not Fastify's 404. */
export const GRAPHQL_METHODS = ['GET', 'POST', 'OPTIONS'] as const;

/** The largest batch of operations a subgraph runs in one request (the gateway sends far fewer). */
export const MAX_BATCH = 16;

/**
 * A PUT, PATCH or DELETE on the GraphQL path is a method this resource does not allow (RFC 9110
 * §15.5.6), answered in GraphQL's error shape with `Allow`, so a client is not told the path is wrong.
 */
export function refuseOtherMethods(app: FastifyInstance, url: string): void {
  app.route({
    url,
    method: ['PUT', 'PATCH', 'DELETE'],
    handler: async (request, reply) =>
      reply
        .code(405)
        .header('allow', GRAPHQL_METHODS.join(', '))
        .send({ errors: [{ message: `${request.method} is not allowed here: send GraphQL with GET or POST`, extensions: { code: 'METHOD_NOT_ALLOWED' } }] }),
  });
}

/** Not ready, with the same details a ready answer would carry. */
export class NotReadyError extends Error {
  constructor(message: string, readonly details: Record<string, unknown>) {
    super(message);
  }
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Who may scrape: a bearer of the token (compared in constant time), or anyone in development without one. */
export function metricsAccess(token: string | undefined, production: boolean, authorization: string | undefined): 200 | 401 | 404 {
  if (!token) return production ? 404 : 200;
  const sent = authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : '';
  return timingSafeEqual(digest(sent), digest(token)) ? 200 : 401;
}

const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

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
    // While closing, a request on an open kept-alive connection is still served (with `Connection:
    // close`) rather than refused with 503: a rolling restart fails nothing a client already sent.
    return503OnClosing: false,
    // Hops as proxy-addr counts them (Fastify's types take them only as this function).
    ...(opts.trustProxy !== undefined ? { trustProxy: typeof opts.trustProxy === 'number' ? trustHops(opts.trustProxy) : opts.trustProxy } : {}),
  });
  // Node closes idle kept-alive connections once, when closing starts; a connection busy then would
  // stay open after its answer until the keep-alive timeout. Answers sent while closing end theirs.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  // Each request runs in its scope, so every log line written while serving it names it.
  app.addHook('onRequest', (req, _reply, done) => {
    const sent = opts.trustRequestId ? req.headers['x-request-id'] : undefined;
    const requestId = typeof sent === 'string' && /^[\w-]{1,64}$/.test(sent) ? sent : randomUUID();
    requestScope.run({ requestId }, done);
  });
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
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
      const details = await opts.ready();
      return { status: 'ready', ...details };
    } catch (err) {
      const details = err instanceof NotReadyError ? err.details : {};
      return reply.code(503).send({ status: 'unavailable', reason: (err as Error).message, ...details });
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
