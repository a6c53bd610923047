import { ping } from '../../common/db.js';
import { PostgresEventTransport } from '../../common/events/postgres-transport.js';
import { loadTypeDefs, type SubgraphFactory, type SubgraphModule } from '../../common/subgraph.js';
import { createContext, type IdentityContext, type IdentityDeps } from './context.js';
import { IdentityRepository } from './db/repository.js';
import { resolvers } from './resolvers/index.js';

export const MIGRATIONS = new URL('./db/migrations', import.meta.url).pathname;

/** The identity subgraph: persons, channel bindings ("one person, one code"), audit of reads. */
export function identitySubgraph(deps: IdentityDeps): SubgraphModule<IdentityContext> {
  return {
    name: 'identity',
    typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
    resolvers,
    context: (base) => createContext(base, deps),
    finish: async (ctx) => ctx.repo.audit(ctx.audit.drain()),
    ready: () => ping(deps.repo.db),
  };
}

export const identityFactory: SubgraphFactory = {
  name: 'identity',
  migrations: MIGRATIONS,
  create: ({ db, connection, config, clock }) =>
    identitySubgraph({ repo: new IdentityRepository(db), events: new PostgresEventTransport(db, connection), secrets: config.secrets, now: clock }),
};
