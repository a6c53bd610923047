import cluster from 'node:cluster';
import { withTelemetry } from '../common/platform/telemetry-switch.js';

// Tracing (when configured) starts before the modules it instruments load: hence the dynamic imports.
await withTelemetry('gateway');
const { drizzleOn } = await import('../common/platform/db.js');
const { runMigrations } = await import('../common/platform/migrate.js');
const { closeOnShutdown, processBase } = await import('../common/platform/process.js');
const { GATEWAY_MIGRATIONS } = await import('./db/repository.js');
const { startGateway } = await import('./index.js');
const { superviseWorkers } = await import('./workers.js');

/**
 * `npm run start:gateway`: the gateway alone, reaching subgraphs at the configured URLs. With
 * GATEWAY_WORKERS > 1 this process migrates, then forks that many gateway workers that share its port
 * (node:cluster) and only supervises them; rate limits are shared through RATE_LIMIT_REDIS_URL.
 */
const base = await processBase('gateway');
const { config, logger, connection } = base;
const handle = drizzleOn(connection, 'gateway');
if (cluster.isPrimary) await runMigrations(handle, 'gateway', GATEWAY_MIGRATIONS);

if (cluster.isPrimary && config.gatewayWorkers > 1) {
  await connection.close();
  if (!config.rateLimitRedisUrl && config.rateLimits !== 'off') {
    logger.warn(
      { workers: config.gatewayWorkers },
      `RATE_LIMIT_REDIS_URL unset: each of the ${config.gatewayWorkers} gateway workers counts rate limits alone, so a principal may make up to ${config.gatewayWorkers} times its RATE_LIMITS a minute; set RATE_LIMIT_REDIS_URL for one budget (docs/operations.md)`,
    );
  }
  superviseWorkers(config.gatewayWorkers, logger, config.shutdownGraceMs);
} else {
  const gateway = await startGateway({ config, db: handle.db, logger, connection });
  logger.info({ url: gateway.url, worker: cluster.worker?.id }, 'gateway listening');
  // Stops accepting, answers every request already taken, then closes the subgraph and database pools.
  closeOnShutdown(base, gateway);
}
