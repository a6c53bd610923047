import { ping } from '../../common/db.js';
import { loadTypeDefs, type SubgraphFactory, type SubgraphModule } from '../../common/subgraph.js';
import { createContext, type HealthStatusContext, type HealthStatusDeps } from './context.js';
import { HealthStatusRepository } from './db/repository.js';
import { resolvers } from './resolvers/index.js';

export const MIGRATIONS = new URL('./db/migrations', import.meta.url).pathname;

/** The health-status subgraph: risk designations, the colour rules and the signed code. */
export function healthStatusSubgraph(deps: HealthStatusDeps): SubgraphModule<HealthStatusContext> {
  return {
    name: 'health-status',
    typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
    resolvers,
    context: (base) => createContext(base, deps),
    ready: () => ping(deps.repo.db),
  };
}

export const healthStatusFactory: SubgraphFactory = {
  name: 'health-status',
  migrations: MIGRATIONS,
  create: ({ db }) => healthStatusSubgraph({ repo: new HealthStatusRepository(db) }),
};
