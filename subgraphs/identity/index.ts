import { defineSubgraph } from '../../common/platform/define-subgraph.js';
import { consumerSpec } from '../../common/platform/events/typed.js';
import { retentionJobOf } from '../../common/domain/retention.js';
import { identityLoaders, identityViewer } from './context.js';
import { IdentityRepository } from './db/repository.js';
import { channelGatewayRoutes } from './modules/channels/gateway-routes.js';
import { IdentityDailyRollover } from './modules/household/daily-rollover.js';
import { resolvers } from './modules/index.js';

/** The identity subgraph: persons, channel bindings ("one person, one code"), audit of reads. */
export const identityFactory = defineSubgraph({
  name: 'identity',
  url: import.meta.url,
  resolvers,
  deps: ({ db, events, clock, config, logger, consumer }) => {
    const repo = new IdentityRepository(db);
    return {
      repo,
      events,
      // Not `consumes`: only the access log needs it fresh, so no other read pays for the check.
      accessLogConsumer: consumer(consumerSpec('identity-access-log', 'identity', repo.accessLog.events)),
      dailyRollover: new IdentityDailyRollover(repo, clock, logger, undefined, retentionJobOf('identity', repo, config.retention, clock, logger)),
      secrets: config.secrets,
      clock,
      bindingPolicy: config.channelBindingMinVerification,
      retentionPolicy: config.retention,
    };
  },
  // Identity reads its own tables: nothing to catch up on.
  viewer: ({ repo }) => async (principal) => ({ value: await identityViewer(repo, principal), pending: [] }),
  loaders: identityLoaders,
  background: (deps) => [deps.accessLogConsumer, deps.dailyRollover],
  // Channel keys are identity's (onboarding issues them); the gateway asks for one on a cache miss
  // and reports usage counts in batches.
  internalRoutes: ({ repo }) => (app) => channelGatewayRoutes(app, repo.channels),
});
