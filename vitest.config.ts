import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql ships CJS and ESM builds; Node (and so the Apollo packages) loads the CJS one, so tests must
// too, or two copies of graphql meet and refuse each other's schema objects.
const graphqlCjs = createRequire(import.meta.url).resolve('graphql');
const FAULTS = 'test/e2e/process-faults.test.ts';

/**
 * The files under test/ that open no database: generated-file, config and composition checks. They
 * run once, in `static`; every other file under test/ is `integration` and runs again on PostgreSQL
 * (.ci/run), so a new test that touches the database is in the second pass without anyone listing it.
 */
const NO_DATABASE = [
  'test/contracts.test.ts',
  'test/deployment.test.ts',
  'test/engines.test.ts',
  'test/generated.test.ts',
  'test/import-cycles.test.ts',
  'test/pages/generated.test.ts',
  'test/rate-limit-redis.test.ts',
  'test/subgraph-additive.test.ts',
];
// What a file reaches a database through: the test helpers (stacks, databases, processes, pages),
// the connection and the stack's migrations. A listed file that takes one up fails here, not by
// quietly running on PGlite only.
const DATABASE_USE = /from '\.\.?\/(\.\.\/)*helpers\/|common\/platform\/db\.js|scripts\/stack\.js|openConnection|migrateAll|DATABASE_URL|pglite/i;
for (const file of NO_DATABASE) {
  let text: string;
  try {
    text = readFileSync(new URL(file, import.meta.url), 'utf8');
  } catch {
    continue; // a listed file that was removed has nothing left to run
  }
  const use = DATABASE_USE.exec(text);
  if (use) throw new Error(`${file} is listed in vitest.config.ts NO_DATABASE but uses "${use[0]}": take it off the list`);
}

/**
 * Five projects: `unit` runs the pure domain rules beside their code; `static` the checks under test/
 * that need no database; `integration` runs against a real database (PGlite, or PostgreSQL when
 * DATABASE_URL is set) and real HTTP; `pages` drives the browser pages in Chromium; `faults` runs the
 * production layout's fault tests (PostgreSQL only) once the others are done. The PostgreSQL pass of
 * .ci/run runs `integration` and `faults` only: a page reaches the database through the graph, whose
 * every read and write `integration` runs on PostgreSQL, so a second browser pass would test the
 * browser again, not the database.
 */
const PAGES = 'test/pages/**/*.test.ts';
export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
  test: {
    // Two files at a time on the 2-core machine: a file's stack spends much of its time waiting on
    // HTTP, events and the database, and with vitest's default (cores - 1) one core sat idle.
    maxWorkers: 2,
    // The slowest files first, so vitest's own summary stays the run's last lines.
    reporters: ['./test/helpers/slowest-files.ts', 'default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['common/**/*.test.ts', 'subgraphs/*/domain/**/*.test.ts', 'gateway/**/*.test.ts', 'web/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'static',
          include: NO_DATABASE,
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [FAULTS, PAGES, ...NO_DATABASE],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          globalSetup: ['test/helpers/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'pages',
          include: [PAGES],
          exclude: NO_DATABASE,
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          globalSetup: ['test/helpers/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          // Kills, stops and cuts off five real processes, with bounds on how fast each fault heals:
          // alone, after the other files, so a busy machine is not what it measures.
          name: 'faults',
          include: [FAULTS],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 600_000,
          pool: 'forks',
          fileParallelism: false,
          sequence: { groupOrder: 1 },
          globalSetup: ['test/helpers/global-setup.ts'],
        },
      },
    ],
  },
});
