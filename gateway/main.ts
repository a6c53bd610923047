import { withTelemetry } from '../common/telemetry-switch.js';

// Tracing (when configured) starts before the modules it instruments load: hence the dynamic imports.
await withTelemetry('gateway');
const { drizzleOn } = await import('../common/db.js');
const { runMigrations } = await import('../common/migrate.js');
const { onShutdown, processBase } = await import('../common/process.js');
const { GATEWAY_MIGRATIONS } = await import('./db/repository.js');
const { startGateway } = await import('./index.js');

/** `npm run start:gateway`: the gateway alone, reaching subgraphs at the configured URLs. */
const { config, logger, connection } = await processBase('gateway');
const handle = drizzleOn(connection, 'gateway');
await runMigrations(handle, 'gateway', GATEWAY_MIGRATIONS);
const gateway = await startGateway({ config, db: handle.db, logger });
logger.info({ url: gateway.url }, 'gateway listening');
onShutdown(
  logger,
  async () => {
    // Stops accepting, answers every request already taken, then closes the subgraph and database pools.
    await gateway.close();
    await connection.close();
  },
  config.shutdownGraceMs,
);
