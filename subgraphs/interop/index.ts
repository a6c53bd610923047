import { ping } from '../../common/db.js';
import { STREAMS } from '../../common/events/contracts.js';
import { EventConsumer } from '../../common/events/consumer.js';
import { PostgresEventTransport } from '../../common/events/postgres-transport.js';
import { KeyRing } from '../../common/keys.js';
import { PRINCIPAL_HEADER, verifyPrincipal } from '../../common/principal.js';
import { loadTypeDefs, type SubgraphFactory, type SubgraphModule } from '../../common/subgraph.js';
import { createContext, type InteropContext, type InteropDeps } from './context.js';
import { InteropRepository } from './db/repository.js';
import { resolvers } from './resolvers/index.js';
import { partnerTrust } from './services/trust.js';

export const MIGRATIONS = new URL('./db/migrations', import.meta.url).pathname;

/** The interop subgraph: partner provinces, mutual recognition of codes, attestations. */
export function interopSubgraph(deps: InteropDeps, gatewaySecret: string): SubgraphModule<InteropContext> {
  return {
    name: 'interop',
    typeDefs: loadTypeDefs(new URL('./schema.graphql', import.meta.url)),
    resolvers,
    context: (base) => createContext(base, deps),
    ready: () => ping(deps.repo.db),
    background: [deps.consumer],
    // The gateway authenticates partners' bearer tokens with what only interop knows: their keys,
    // status and rights. The route answers the gateway alone (its signed principal header).
    routes: (app) => {
      app.get<{ Params: { code: string } }>('/internal/partners/:code', async (req, reply) => {
        const header = req.headers[PRINCIPAL_HEADER];
        try {
          await verifyPrincipal(Array.isArray(header) ? header[0] : header, gatewaySecret);
        } catch {
          return reply.code(401).send({ error: 'gateway signature required' });
        }
        const trust = await partnerTrust(deps, req.params.code);
        return trust ? trust : reply.code(404).send({ error: 'unknown partner' });
      });
    },
  };
}

export const interopFactory: SubgraphFactory = {
  name: 'interop',
  migrations: MIGRATIONS,
  create: async ({ db, connection, config, logger, clock }) => {
    const repo = new InteropRepository(db);
    const events = new PostgresEventTransport(db, connection);
    const consumer = new EventConsumer(
      events,
      { name: 'interop', schema: 'interop', streams: [STREAMS.identity, STREAMS.healthStatus], handle: (tx, e) => repo.applyEvent(tx, e) },
      logger,
      { pollMs: config.eventsPollMs },
    );
    return interopSubgraph(
      {
        repo,
        events,
        consumer,
        keys: await KeyRing.from(config.secrets.codeSigningKeys),
        secrets: config.secrets,
        provinceCode: config.provinceCode,
        clock,
      },
      config.secrets.gatewaySecret,
    );
  },
};
