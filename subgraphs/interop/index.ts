import { ping } from '../../common/db.js';
import { loadTypeDefs, type SubgraphFactory, type SubgraphModule } from '../../common/subgraph.js';
import { createContext, type InteropContext, type InteropDeps } from './context.js';
import { InteropRepository } from './db/repository.js';
import { resolvers } from './resolvers/index.js';

export const MIGRATIONS = new URL('./db/migrations', import.meta.url).pathname;

/** The interop subgraph: partner provinces, mutual recognition of codes, attestations. */
export function interopSubgraph(deps: InteropDeps): SubgraphModule<InteropContext> {
  return {
    name: 'interop',
    typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
    resolvers,
    context: (base) => createContext(base, deps),
    ready: () => ping(deps.repo.db),
  };
}

export const interopFactory: SubgraphFactory = {
  name: 'interop',
  migrations: MIGRATIONS,
  create: ({ db }) => interopSubgraph({ repo: new InteropRepository(db) }),
};
