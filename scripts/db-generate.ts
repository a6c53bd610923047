import { execFileSync } from 'node:child_process';
import { SUBGRAPHS } from '../common/platform/subgraph-list.js';
import { ROOT } from './supergraph.js';

/**
 * Generates drizzle-kit migrations for every owner of a Postgres schema after a table change:
 * `npm run db:generate -- --name add_x`. Each owner keeps its own migrations folder and journal.
 */
const OWNERS = ['gateway', ...SUBGRAPHS.map((name) => `subgraphs/${name}`)];
const extra = process.argv.slice(2);
for (const owner of OWNERS) {
  console.log(`== ${owner}`);
  execFileSync('npx', ['drizzle-kit', 'generate', '--config', `${owner}/db/drizzle.config.ts`, ...extra], { cwd: ROOT, stdio: 'inherit' });
}
