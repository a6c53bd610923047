import { PRINCIPAL_HEADER, signPrincipal, type Principal } from '../common/domain/principal.js';
import type { Fetcher, SubgraphClient } from './fetcher.js';

/** A subgraph's answer: status, headers and body, as the pooled client gives it. */
export type InternalResponse = Awaited<ReturnType<Fetcher>>;

/** Who the gateway is when it calls a subgraph's internal routes on its own behalf. */
const GATEWAY: Principal = { kind: 'admin', subject: 'gateway', scopes: [] };

/**
 * The gateway's own calls to a subgraph's internal routes (channel keys and usage at identity,
 * partner trust at interop): signed as the gateway, and sent through that subgraph's pooled client,
 * so they share its connections, deadline and circuit breaker with the graph's calls.
 */
export class InternalClient {
  constructor(
    private readonly client: SubgraphClient,
    private readonly gatewaySecret: string,
  ) {}

  /** The subgraph's answer, whatever its status; a subgraph out of reach throws SUBGRAPH_UNAVAILABLE. */
  async get(path: string): Promise<InternalResponse> {
    return this.client.fetch(this.client.urlOf(path), { method: 'GET', headers: await this.headers() });
  }

  /** `as`: the principal the gateway speaks for (itself by default; the public report's reader, say). */
  async post(path: string, body: unknown, as: Principal = GATEWAY): Promise<InternalResponse> {
    return this.client.fetch(this.client.urlOf(path), { method: 'POST', headers: { ...(await this.headers(as)), 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }

  private async headers(as: Principal = GATEWAY): Promise<Record<string, string>> {
    return { [PRINCIPAL_HEADER]: await signPrincipal(as, this.gatewaySecret) };
  }
}
