import { drizzleOn } from '../common/db.js';
import { runMigrations } from '../common/migrate.js';
import { onShutdown, processBase } from '../common/process.js';
import { GATEWAY_MIGRATIONS } from './db/repository.js';
import { startGateway } from './index.js';

/** `npm run start:gateway`: the gateway alone, reaching subgraphs at the configured URLs. */
const { config, logger, connection } = await processBase('gateway');
const handle = drizzleOn(connection, 'gateway');
await runMigrations(handle, 'gateway', GATEWAY_MIGRATIONS);
const gateway = await startGateway({ config, db: handle.db, logger, connection });
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
