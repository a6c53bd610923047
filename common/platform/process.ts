import type { Config, SubgraphName } from './config.js';
import type { Connection } from './db.js';
import type { Logger } from './logger.js';
import type { SubgraphFactory } from './subgraph.js';
import { flushTelemetry, withTelemetry } from './telemetry-switch.js';

// Only the telemetry switch is imported statically: every process's main.ts imports this file first,
// and tracing must start before the modules it instruments (http, undici, graphql) are loaded.

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
  const { loadConfig } = await import('./config.js');
  const { createLogger } = await import('./logger.js');
  const { openConnection } = await import('./db.js');
  const { trackPoolUse } = await import('./metrics.js');
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

/**
 * A server process's shutdown: on SIGTERM the server stops accepting and finishes what it took (a
 * subgraph's consumers their current batch first), then the database pool closes.
 */
export function closeOnShutdown({ config, logger, connection }: ProcessBase, server: { close(): Promise<void> }): void {
  onShutdown(
    logger,
    async () => {
      await server.close();
      await connection.close();
    },
    config.shutdownGraceMs,
  );
}

/**
 * `npm run start:<subgraph>`, the whole of every subgraph's main.ts: tracing first (when configured),
 * then the subgraph's module, its own schema's migrations, and the server until SIGTERM.
 */
export async function runSubgraphProcess(name: SubgraphName, load: () => Promise<SubgraphFactory>): Promise<void> {
  await withTelemetry(name);
  const factory = await load();
  if (factory.name !== name) throw new Error(`subgraphs/${name}/main.ts loaded the ${factory.name} subgraph`);
  const { systemClock } = await import('./clock.js');
  const { drizzleOn } = await import('./db.js');
  const { runMigrations } = await import('./migrate.js');
  const { serveSubgraph } = await import('./subgraph.js');
  const base = await processBase(name);
  const { config, logger, connection } = base;
  const handle = drizzleOn(connection, name);
  await runMigrations(handle, name, factory.migrations);
  const server = await serveSubgraph(await factory.create({ db: handle.db, connection, config, logger, clock: systemClock }), {
    host: config.host,
    port: config.ports[name],
    gatewaySecret: config.secrets.gatewaySecret,
    production: config.production,
    logger,
    metricsToken: config.metricsToken,
  });
  logger.info({ url: server.url }, `${name} listening`);
  closeOnShutdown(base, server);
}
