import { loadConfig } from '../common/platform/config.js';
import { DatabaseLockedError } from '../common/platform/db-lock.js';
import { createLogger } from '../common/platform/logger.js';
import { onShutdown } from '../common/platform/process.js';
import { seedDemoPopulation } from './demo-data.js';
import { DEMO_RESIDENTS, DEV_KEYS, seedDemoResidents, seedDevKeys } from './seed.js';
import { startStack } from './stack.js';

/** `npm start`: the whole graph in one process, on PGlite under ./data unless DATABASE_URL is set. */
const config = loadConfig();
const logger = createLogger(config.logLevel);
const stack = await startStack({ config, logger }).catch((err: unknown) => {
  // One line, not a stack trace: the message says what to do.
  if (!(err instanceof DatabaseLockedError)) throw err;
  console.error(err.message);
  process.exit(1);
});
if (config.demoSeed) {
  await seedDevKeys(stack.db.gateway, stack.db['health-status']);
  await seedDemoResidents(stack.gateway.url);
  // The dashboard's population: a few seconds on the first start, nothing on the next ones.
  const started = Date.now();
  const demo = await seedDemoPopulation({ db: stack.db, connection: stack.connection, secrets: config.secrets }, new Date());
  if (demo.seeded) logger.info({ ...demo, seconds: (Date.now() - started) / 1000 }, 'demo population seeded');
}

const lines = [
  '',
  `healthcode-graph is up on ${config.database.url ? 'PostgreSQL' : `PGlite (${config.database.pgliteDir})`}`,
  `  gateway       ${stack.gateway.url}`,
  ...Object.entries(stack.subgraphs).map(([n, s]) => `  ${n.padEnd(13)} ${s.url}`),
];
if (config.demoSeed) {
  lines.push('', 'Development API keys (send as x-api-key; channels also send x-channel-user):');
  for (const k of DEV_KEYS) lines.push(`  ${k.kind.padEnd(10)} ${k.key.padEnd(30)} ${k.label}`);
  // Launch links are one-time and live 60 s, so print the command that makes a fresh one.
  const origin = new URL(stack.gateway.url).origin;
  lines.push('', 'Pages (docs/pages.md):', `  dashboard     ${origin}/dashboard/   (sign in with ${DEV_KEYS.find((k) => k.kind === 'dashboard')!.key})`);
  for (const r of DEMO_RESIDENTS) lines.push(`  H5 code page  npm run h5 -- ${r.channelUser.padEnd(22)} # ${r.input.name}: prints a one-time launch URL`);
}
console.log(lines.join('\n'));

// The gateway first: its in-flight requests still need the subgraphs behind it.
onShutdown(logger, () => stack.close(), config.shutdownGraceMs);
