import { defineSubgraph } from '../../common/define-subgraph.js';
import { EventConsumer } from '../../common/events/consumer.js';
import { PostgresEventTransport } from '../../common/events/postgres-transport.js';
import { consumerSpec } from '../../common/events/typed.js';
import { KeyRing } from '../../common/keys.js';
import { subgraphSdl } from '../../common/sdl.js';
import type { SubgraphFactory } from '../../common/subgraph.js';
import { eidLoaders, type EidDeps } from './context.js';
import { EidRepository } from './db/repository.js';
import { resolvers } from './modules/index.js';

export const MIGRATIONS = new URL('./db/migrations', import.meta.url).pathname;

/** The eid subgraph: the electronic ID code (电子身份码), added beside the others without changing them. */
export function eidSubgraph(deps: EidDeps, identityConsumer: EventConsumer) {
  return defineSubgraph({
    name: 'eid',
    typeDefs: subgraphSdl(new URL('.', import.meta.url)),
    resolvers,
    deps,
    // Who may ask for whose code: a projection of identity's bindings and guardianships.
    consumer: identityConsumer,
    viewer: (principal, pending) => deps.repo.viewer(principal, pending),
    loaders: eidLoaders,
  });
}

export const eidFactory: SubgraphFactory = {
  name: 'eid',
  migrations: MIGRATIONS,
  create: async ({ db, connection, config, logger, clock }) => {
    const repo = new EidRepository(db);
    const events = new PostgresEventTransport(db, connection);
    const identityConsumer = new EventConsumer(events, consumerSpec('eid', 'eid', repo.accessEvents), logger, { pollMs: config.eventsPollMs });
    return eidSubgraph(
      {
        repo,
        clock,
        keys: await KeyRing.from(config.secrets.codeSigningKeys),
        secrets: config.secrets,
        provinceCode: config.provinceCode,
        tokenTtlSeconds: config.codeTokenTtlSeconds,
      },
      identityConsumer,
    );
  },
};
