import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import CircuitBreaker from 'opossum';
import { Gauge } from 'prom-client';
import { Pool } from 'undici';
import type { SubgraphCallConfig } from '../common/platform/config.js';
import { AppError } from '../common/platform/errors.js';
import { registry, subgraphCallDuration } from '../common/platform/metrics.js';

/** What `RemoteGraphQLDataSource` accepts as its `fetcher`, named through the gateway's own types. */
export type Fetcher = NonNullable<NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher']>;
type FetcherInit = Parameters<Fetcher>[1];

export type BreakerState = 'closed' | 'open' | 'half-open';

/**
 * Apollo Router's and Cosmo's defaults: open at half of the calls failing once a rolling 10 s window
 * holds at least 20 of them, so one slow call among few does not cut a subgraph off.
 */
export const BREAKER_POLICY = { errorThresholdPercentage: 50, volumeThreshold: 20, rollingCountTimeout: 10_000, rollingCountBuckets: 10 } as const;

/**
 * Only a read may be sent twice. The gateway's planner prints each subgraph operation as the body's
 * first member (`{"query":"query ...` or `{"query":"mutation ...`), so the prefix decides without
 * parsing; anything unexpected counts as a write and is never retried.
 */
export function isIdempotentRead(body: unknown): boolean {
  if (typeof body !== 'string') return false;
  if (body.startsWith('[')) return batchOfReads(body);
  const member = '{"query":"';
  return body.startsWith(member) && isReadText(body.slice(member.length));
}

/** An operation's text is a read: a `query`, or the `{ … }` shorthand. */
const isReadText = (text: string) => text.startsWith('query') || text.startsWith('{');

/** A batch (gateway/fetch-batching.ts) is a read when every member's text is. */
function batchOfReads(body: string): boolean {
  try {
    const parts: unknown = JSON.parse(body);
    return Array.isArray(parts) && parts.length > 0 && parts.every((p: { query?: unknown }) => typeof p?.query === 'string' && isReadText(p.query));
  } catch {
    return false;
  }
}

/** The subgraph cannot be reached in time; the caller may retry, and the other subgraphs' fields stand. */
export class SubgraphUnavailableError extends AppError {
  constructor(subgraph: string, reason: 'TIMEOUT' | 'CIRCUIT_OPEN' | 'UNREACHABLE') {
    // The message names the service as partners know it, never its address.
    super(`The ${subgraph} service is unavailable; retry shortly`, 'SUBGRAPH_UNAVAILABLE', { reason, subgraph });
  }
}

/** A 5xx answer: a failure for the breaker, yet still handed to the gateway to shape as before. */
class FailedStatus extends Error {
  constructor(readonly response: Response) {
    super(`subgraph answered ${response.status}`);
  }
}

interface Attempt {
  path: string;
  init: FetcherInit;
  signal: AbortSignal;
}

/**
 * One subgraph's HTTP client: a bounded pool of kept-alive connections (undici; no pipelining, so one
 * slow answer never holds up another on the same socket), a deadline per call, one retry for reads
 * whose connection failed, and a circuit breaker (opossum) so a dead subgraph fails in milliseconds.
 */
export class SubgraphClient {
  private readonly pool: Pool;
  private readonly breaker: CircuitBreaker<[Attempt], Response>;
  private readonly origin: string;

  constructor(
    readonly name: string,
    url: string,
    private readonly config: SubgraphCallConfig,
  ) {
    this.origin = new URL(url).origin;
    this.pool = new Pool(this.origin, { connections: config.connectionsPerSubgraph, pipelining: 1 });
    this.breaker = new CircuitBreaker((a: Attempt) => this.send(a), {
      ...BREAKER_POLICY,
      name,
      // Our own deadline aborts the request itself; opossum's would only stop waiting for it.
      timeout: false,
      resetTimeout: config.breakerResetMs,
    });
    SubgraphClient.live.add(this);
  }

  /** Each client's breaker as a gauge (0 closed, 1 half-open, 2 open), read at scrape time. */
  static readonly breakerGauge = new Gauge({
    name: 'hcg_gateway_breaker_state',
    help: 'Circuit breaker per subgraph: 0 closed, 1 half-open, 2 open',
    labelNames: ['subgraph'] as const,
    registers: [registry],
    collect() {
      for (const c of SubgraphClient.live) this.labels(c.name).set(c.state === 'open' ? 2 : c.state === 'half-open' ? 1 : 0);
    },
  });
  private static readonly live = new Set<SubgraphClient>();

  get state(): BreakerState {
    return this.breaker.opened ? 'open' : this.breaker.halfOpen ? 'half-open' : 'closed';
  }

  /** The address of `path` on this subgraph, for the gateway's own calls (gateway/internal-client.ts). */
  urlOf(path: string): string {
    return new URL(path, this.origin).href;
  }

  readonly fetch: Fetcher = async (url, init) => {
    // The gateway's own GETs (internal routes) read; the graph's calls are POSTs, read when a query.
    const read = init?.method === 'GET' || isIdempotentRead(init?.body);
    // One deadline for the whole call, retry included: the timeout is what a caller waits at most.
    const signal = AbortSignal.timeout(read ? this.config.timeoutMs : this.config.mutationTimeoutMs);
    const { pathname, search } = new URL(url);
    const attempt: Attempt = { path: pathname + search, init, signal };
    const timer = subgraphCallDuration.startTimer({ subgraph: this.name });
    for (let tries = 1; ; tries++) {
      try {
        const res = await this.breaker.fire(attempt);
        timer({ outcome: 'ok' });
        return res;
      } catch (err) {
        if (err instanceof FailedStatus) return void timer({ outcome: 'http_5xx' }), err.response;
        const fail = (reason: 'TIMEOUT' | 'CIRCUIT_OPEN' | 'UNREACHABLE') => (timer({ outcome: reason.toLowerCase() }), new SubgraphUnavailableError(this.name, reason));
        if ((err as { code?: string }).code === 'EOPENBREAKER') throw fail('CIRCUIT_OPEN');
        if (signal.aborted) throw fail('TIMEOUT');
        // A kept-alive socket the subgraph closed, or a refused connection: a read may try once more.
        if (!read || tries >= 2) throw fail('UNREACHABLE');
      }
    }
  };

  private async send({ path, init, signal }: Attempt): Promise<Response> {
    const res = await this.pool.request({
      path,
      method: init?.method === 'GET' ? 'GET' : 'POST',
      headers: init?.headers,
      body: init?.body,
      signal,
    });
    const text = await res.body.text();
    const headers = new Headers();
    for (const [k, v] of Object.entries(res.headers)) {
      if (Array.isArray(v)) for (const one of v) headers.append(k, one);
      else if (v !== undefined) headers.set(k, v);
    }
    // Apollo reads status, headers and the body; a WHATWG Response gives it all of them.
    const response = new Response(res.statusCode === 204 ? null : text, { status: res.statusCode, headers });
    if (res.statusCode >= 500) throw new FailedStatus(response);
    return response;
  }

  async close(): Promise<void> {
    SubgraphClient.live.delete(this);
    this.breaker.shutdown();
    await this.pool.close();
  }
}
