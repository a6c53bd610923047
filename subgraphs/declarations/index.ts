import { ping } from '../../common/db.js';
import { loadTypeDefs, type SubgraphFactory, type SubgraphModule } from '../../common/subgraph.js';
import { createContext, type DeclarationsContext, type DeclarationsDeps } from './context.js';
import { DeclarationsRepository } from './db/repository.js';
import { resolvers } from './resolvers/index.js';

export const MIGRATIONS = new URL('./db/migrations', import.meta.url).pathname;

/** The declarations subgraph: daily health declarations, by the person or a guardian. */
export function declarationsSubgraph(deps: DeclarationsDeps): SubgraphModule<DeclarationsContext> {
  return {
    name: 'declarations',
    typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
    resolvers,
    context: (base) => createContext(base, deps),
    ready: () => ping(deps.repo.db),
  };
}

export const declarationsFactory: SubgraphFactory = {
  name: 'declarations',
  migrations: MIGRATIONS,
  create: ({ db }) => declarationsSubgraph({ repo: new DeclarationsRepository(db) }),
};
