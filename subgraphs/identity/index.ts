import { defineSubgraph } from '../../common/define-subgraph.js';
import { EventConsumer } from '../../common/events/consumer.js';
import { eventTransport } from '../../common/events/select.js';
import { consumerSpec } from '../../common/events/typed.js';
import { subgraphSdl } from '../../common/sdl.js';
import type { SubgraphFactory } from '../../common/subgraph.js';
import { identityLoaders, identityViewer, type IdentityDeps } from './context.js';
import { IdentityRepository } from './db/repository.js';
import { channelGatewayRoutes } from './modules/channels/gateway-routes.js';
import { IdentityDailyRollover } from './modules/household/daily-rollover.js';
import { resolvers } from './modules/index.js';

export const MIGRATIONS = new URL('./db/migrations', import.meta.url).pathname;

/** The identity subgraph: persons, channel bindings ("one person, one code"), audit of reads. */
export function identitySubgraph(deps: IdentityDeps, gatewaySecret?: string) {
  return defineSubgraph({
    name: 'identity',
    typeDefs: subgraphSdl(new URL('.', import.meta.url)),
    resolvers,
    deps,
    // Identity reads its own tables: nothing to catch up on.
    viewer: async (principal) => ({ value: await identityViewer(deps.repo, principal), pending: [] }),
    loaders: identityLoaders,
    // Not `consumer`: only the access log needs it fresh, so no other read pays for the check.
    background: [deps.accessLogConsumer, deps.dailyRollover],
    // Channel keys are identity's (onboarding issues them); the gateway asks for one on a cache miss
    // and reports usage counts in batches. Both routes answer the gateway alone.
    routes: gatewaySecret ? (app) => channelGatewayRoutes(app, deps.repo.channels, gatewaySecret) : undefined,
  });
}

export const identityFactory: SubgraphFactory = {
  name: 'identity',
  migrations: MIGRATIONS,
  create: ({ db, connection, config, logger, clock }) => {
    const repo = new IdentityRepository(db);
    const events = eventTransport(config.eventTransport, db, connection);
    const accessLogConsumer = new EventConsumer(events, consumerSpec('identity-access-log', 'identity', repo.accessLogEvents), logger, { pollMs: config.eventsPollMs });
    const dailyRollover = new IdentityDailyRollover(repo, clock, logger);
    return identitySubgraph({ repo, events, accessLogConsumer, dailyRollover, secrets: config.secrets, clock, bindingPolicy: config.channelBindingMinVerification }, config.secrets.gatewaySecret);
  },
};
