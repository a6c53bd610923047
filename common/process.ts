import { systemClock } from './clock.js';
import { loadConfig, type Config } from './config.js';
import { drizzleOn, openConnection, type Connection, type DatabaseHandle } from './db.js';
import { createLogger, type Logger } from './logger.js';
import { trackPoolUse } from './metrics.js';
import { runMigrations } from './migrate.js';
import { serveSubgraph, type SubgraphFactory } from './subgraph.js';
import { flushTelemetry } from './telemetry-switch.js';

export interface ProcessBase {
  config: Config;
  logger: Logger;
  connection: Connection;
}

/**
 * Start-up shared by every separately deployed process: validated config, a PostgreSQL pool (PGlite
 * lives inside one process, so separate processes need DATABASE_URL), graceful shutdown.
 */
export async function processBase(service: string): Promise<ProcessBase> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, service);
  if (!config.database.url) {
    throw new Error(`${service} as its own process needs DATABASE_URL (PGlite serves one process only; use npm start for that)`);
  }
  // One name per process, so two instances of a subgraph each see their own pool in pg_stat_activity.
  const applicationName = `hcg-${service}-${process.pid}`;
  const connection = await openConnection({ url: config.database.url, poolSize: config.database.poolSize, prepare: config.database.prepare, applicationName });
  trackPoolUse(connection, applicationName, config.database.poolSize);
  return { config, logger, connection };
}

/**
 * On SIGTERM (or SIGINT) run `close` once: it stops accepting, lets in-flight requests and consumer
 * batches finish, and closes pools. Past `graceMs` the process exits anyway, so an orchestrator's
 * own kill deadline is never the one that ends it mid-write.
 */
export function onShutdown(logger: Logger, close: () => Promise<void>, graceMs: number): void {
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      logger.info({ signal, graceMs }, 'shutting down: finishing in-flight work');
      setTimeout(() => {
        logger.error({ graceMs }, 'shutdown deadline passed; exiting with work unfinished');
        process.exit(1);
      }, graceMs).unref();
      close().then(
        // Spans of the last requests leave before the process does.
        () => flushTelemetry().finally(() => process.exit(0)),
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

/** `npm run start:<subgraph>`: migrate this subgraph's own schema, then serve it. */
export async function runSubgraphProcess(factory: SubgraphFactory): Promise<void> {
  const { config, logger, connection } = await processBase(factory.name);
  const handle: DatabaseHandle = drizzleOn(connection, factory.name);
  await runMigrations(handle, factory.name, factory.migrations);
  const server = await serveSubgraph(await factory.create({ db: handle.db, connection, config, logger, clock: systemClock }), {
    host: config.host,
    port: config.ports[factory.name],
    gatewaySecret: config.secrets.gatewaySecret,
    production: config.production,
    logger,
    metricsToken: config.metricsToken,
  });
  logger.info({ url: server.url }, `${factory.name} listening`);
  onShutdown(
    logger,
    async () => {
      // Consumers stop after their current batch, then the server finishes its requests.
      await server.close();
      await connection.close();
    },
    config.shutdownGraceMs,
  );
}
