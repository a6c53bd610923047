import cluster from 'node:cluster';
import { drizzleOn } from '../common/db.js';
import { runMigrations } from '../common/migrate.js';
import { onShutdown, processBase } from '../common/process.js';
import { GATEWAY_MIGRATIONS } from './db/repository.js';
import { startGateway } from './index.js';
import { superviseWorkers } from './workers.js';

/**
 * `npm run start:gateway`: the gateway alone, reaching subgraphs at the configured URLs. With
 * GATEWAY_WORKERS > 1 this process migrates, then forks that many gateway workers that share its port
 * (node:cluster) and only supervises them; rate limits are shared through RATE_LIMIT_REDIS_URL.
 */
const { config, logger, connection } = await processBase('gateway');
const handle = drizzleOn(connection, 'gateway');
if (cluster.isPrimary) await runMigrations(handle, 'gateway', GATEWAY_MIGRATIONS);

if (cluster.isPrimary && config.gatewayWorkers > 1) {
  await connection.close();
  if (!config.rateLimitRedisUrl && config.rateLimits !== 'off') {
    logger.warn({ workers: config.gatewayWorkers }, 'RATE_LIMIT_REDIS_URL unset: each gateway worker counts rate limits alone');
  }
  superviseWorkers(config.gatewayWorkers, logger, config.shutdownGraceMs);
} else {
  const gateway = await startGateway({ config, db: handle.db, logger });
  logger.info({ url: gateway.url, worker: cluster.worker?.id }, 'gateway listening');
  onShutdown(
    logger,
    async () => {
      // Stops accepting, answers every request already taken, then closes the subgraph and database pools.
      await gateway.close();
      await connection.close();
    },
    config.shutdownGraceMs,
  );
}
