import { systemClock, type Clock } from '../common/platform/clock.js';
import type { Config, SubgraphName } from '../common/platform/config.js';
import { drizzleOn, openConnection, type Connection, type DatabaseHandle } from '../common/platform/db.js';
import { serviceLogger, type Logger } from '../common/platform/logger.js';
import { runMigrations } from '../common/platform/migrate.js';
import { serveSubgraph, type RunningServer, type SubgraphFactory } from '../common/platform/subgraph.js';
import { GATEWAY_MIGRATIONS } from '../gateway/db/repository.js';
import { startGateway, type RunningGateway } from '../gateway/index.js';
import { FACTORIES } from './subgraph-factories.js';

export { FACTORIES };

export interface StackOptions {
  config: Config;
  logger: Logger;
  /** Use this connection (e.g. a test's own database) instead of opening one from the config. */
  connection?: Connection;
  /** 0 everywhere picks free ports (tests); otherwise the configured ports. */
  ephemeralPorts?: boolean;
  /** The clock every subgraph reads (tests move it); the system clock by default. */
  clock?: Clock;
}

export interface Stack {
  gateway: RunningGateway;
  subgraphs: Record<SubgraphName, RunningServer>;
  /** The subgraph modules themselves (their background jobs, for tests that drive them). */
  modules: Record<SubgraphName, Awaited<ReturnType<SubgraphFactory['create']>>>;
  /** Each owner's drizzle handle, with its statement counter. */
  db: Record<SubgraphName | 'gateway', DatabaseHandle>;
  connection: Connection;
  close(): Promise<void>;
}

/** Opens the configured database: PGlite under ./data by default, PostgreSQL with DATABASE_URL. */
export function connect(config: Config): Promise<Connection> {
  return openConnection({ url: config.database.url, pgliteDir: config.database.pgliteDir, poolSize: config.database.poolSize });
}

/** Migrates every owner's schema on one connection. */
export async function migrateAll(connection: Connection): Promise<Record<SubgraphName | 'gateway', DatabaseHandle>> {
  const db = { gateway: drizzleOn(connection, 'gateway') } as Record<SubgraphName | 'gateway', DatabaseHandle>;
  await runMigrations(db.gateway, 'gateway', GATEWAY_MIGRATIONS);
  for (const f of FACTORIES) {
    db[f.name] = drizzleOn(connection, f.name);
    await runMigrations(db[f.name], f.name, f.migrations);
  }
  return db;
}

/** The whole graph in one process: five subgraphs and the gateway, over real HTTP on loopback. */
export async function startStack(opts: StackOptions): Promise<Stack> {
  const { config, logger } = opts;
  const connection = opts.connection ?? (await connect(config));
  const db = await migrateAll(connection);
  const subgraphs = {} as Record<SubgraphName, RunningServer>;
  const modules = {} as Stack['modules'];
  for (const f of FACTORIES) {
    const mod = (modules[f.name] = await f.create({ db: db[f.name].db, connection, config, logger, clock: opts.clock ?? systemClock }));
    subgraphs[f.name] = await serveSubgraph(mod, {
      host: config.host,
      port: opts.ephemeralPorts ? 0 : config.ports[f.name],
      gatewaySecret: config.secrets.gatewaySecret,
      production: config.production,
      logger,
      metricsToken: config.metricsToken,
    });
  }
  const gateway = await startGateway({
    config,
    db: db.gateway.db,
    logger: serviceLogger(logger, 'gateway'),
    port: opts.ephemeralPorts ? 0 : config.ports.gateway,
    clock: opts.clock,
    connection,
    subgraphUrls: Object.fromEntries(Object.entries(subgraphs).map(([n, s]) => [n, s.url])),
  });
  return {
    gateway,
    subgraphs,
    modules,
    db,
    connection,
    close: async () => {
      await gateway.close();
      for (const s of Object.values(subgraphs)) await s.close();
      if (!opts.connection) await connection.close();
    },
  };
}
