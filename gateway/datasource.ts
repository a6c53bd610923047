import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { subgraphRequests } from '../common/platform/metrics.js';
import { PRINCIPAL_HEADER } from '../common/domain/principal.js';
import type { GatewayContext } from './context.js';
import { batchingFetcher } from './fetch-batching.js';
import type { SubgraphClient } from './fetcher.js';

/**
 * Sends subgraph requests with the verified principal, signed at most once per principal and half-minute, and the
 * request id, so a subgraph can trust the caller and logs line up across services.
 */
export class PrincipalForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const { request, context } = options;
    // Health checks and other gateway-internal calls carry no request context and no principal.
    if (!context?.principalToken) return;
    const operation = 'incomingRequestContext' in options ? options.incomingRequestContext.operationName : null;
    request.http?.headers.set(PRINCIPAL_HEADER, context.principalToken(operation));
    request.http?.headers.set('x-request-id', context.requestId);
  }

  constructor(readonly name: string, url: string, client: SubgraphClient) {
    // Our pooled client with its deadline and breaker, instead of make-fetch-happen; one request's
    // parallel reads of this subgraph share one HTTP call (and the subgraph's DataLoaders).
    super({ url, fetcher: batchingFetcher(client.fetch, () => subgraphRequests.labels(name).inc()) });
  }
}
