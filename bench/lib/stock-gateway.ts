import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { PRINCIPAL_HEADER } from '../../common/domain/principal.js';
import { SUPERGRAPH_PATH } from '../../gateway/index.js';

interface StockContext {
  principal?: string;
}

/**
 * The peer a user would pick instead of ours (SPEC §10): @apollo/gateway on @apollo/server's own
 * standalone HTTP server, configured as its README shows, over the same subgraphs. It has no
 * authentication, limits or edge authorization of its own, so the client hands it an
 * already-signed principal to pass on: a lower bound on what any gateway costs here.
 */
export async function startStockGateway(subgraphUrls: Record<string, string>, port = 0): Promise<{ url: string; close(): Promise<void> }> {
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name }) =>
      new RemoteGraphQLDataSource<StockContext>({
        url: subgraphUrls[name],
        willSendRequest({ request, context }) {
          if (context.principal) request.http?.headers.set(PRINCIPAL_HEADER, context.principal);
        },
      }),
  });
  // Apollo Server 5 and gateway 2 speak the same gateway interface; only their type packages differ.
  const server = new ApolloServer<StockContext>({ gateway: gateway as never });
  const { url } = await startStandaloneServer(server, {
    listen: { port, host: '127.0.0.1' },
    context: async ({ req }) => ({ principal: req.headers[PRINCIPAL_HEADER] as string | undefined }),
  });
  return { url, close: () => server.stop() };
}
