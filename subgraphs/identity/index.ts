import { defineSubgraph } from '../../common/define-subgraph.js';
import { eventTransport } from '../../common/events/select.js';
import { subgraphSdl } from '../../common/sdl.js';
import type { SubgraphFactory } from '../../common/subgraph.js';
import { identityLoaders, identityViewer, type IdentityDeps } from './context.js';
import { IdentityRepository } from './db/repository.js';
import { resolvers } from './modules/index.js';

export const MIGRATIONS = new URL('./db/migrations', import.meta.url).pathname;

/** The identity subgraph: persons, channel bindings ("one person, one code"), audit of reads. */
export function identitySubgraph(deps: IdentityDeps) {
  return defineSubgraph({
    name: 'identity',
    typeDefs: subgraphSdl(new URL('.', import.meta.url)),
    resolvers,
    deps,
    // Identity reads its own tables: nothing to catch up on.
    viewer: async (principal) => ({ value: await identityViewer(deps.repo, principal), pending: [] }),
    loaders: identityLoaders,
  });
}

export const identityFactory: SubgraphFactory = {
  name: 'identity',
  migrations: MIGRATIONS,
  create: ({ db, connection, config, clock }) =>
    identitySubgraph({ repo: new IdentityRepository(db), events: eventTransport(config.eventTransport, db, connection), secrets: config.secrets, clock }),
};
