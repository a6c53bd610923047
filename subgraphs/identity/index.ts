import { defineSubgraph } from '../../common/define-subgraph.js';
import { PostgresEventTransport } from '../../common/events/postgres-transport.js';
import { subgraphSdl } from '../../common/sdl.js';
import type { SubgraphFactory } from '../../common/subgraph.js';
import { identityLoaders, identityViewer, type IdentityDeps } from './context.js';
import { IdentityRepository } from './db/repository.js';
import { channelGatewayRoutes } from './modules/channels/gateway-routes.js';
import { resolvers } from './modules/index.js';

export const MIGRATIONS = new URL('./db/migrations', import.meta.url).pathname;

/** The identity subgraph: persons, channel bindings ("one person, one code"), audit of reads. */
export function identitySubgraph(deps: IdentityDeps, gatewaySecret?: string) {
  return defineSubgraph({
    name: 'identity',
    typeDefs: subgraphSdl(new URL('.', import.meta.url)),
    resolvers,
    deps,
    viewer: (principal) => identityViewer(deps.repo, principal),
    loaders: identityLoaders,
    // Channel keys are identity's (onboarding issues them); the gateway asks for one on a cache miss
    // and reports usage counts in batches. Both routes answer the gateway alone.
    routes: gatewaySecret ? (app) => channelGatewayRoutes(app, deps.repo.channels, gatewaySecret) : undefined,
  });
}

export const identityFactory: SubgraphFactory = {
  name: 'identity',
  migrations: MIGRATIONS,
  create: ({ db, connection, config, clock }) =>
    identitySubgraph({ repo: new IdentityRepository(db), events: new PostgresEventTransport(db, connection), secrets: config.secrets, clock }, config.secrets.gatewaySecret),
};
