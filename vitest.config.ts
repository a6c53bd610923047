import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql ships CJS and ESM builds; Node (and so the Apollo packages) loads the CJS one, so tests must
// too, or two copies of graphql meet and refuse each other's schema objects.
const graphqlCjs = createRequire(import.meta.url).resolve('graphql');
const FAULTS = 'test/e2e/process-faults.test.ts';

/**
 * Three projects: `unit` runs the pure domain rules beside their code; `integration` runs against a
 * real database (PGlite, or PostgreSQL when DATABASE_URL is set) and real HTTP; `faults` runs the
 * production layout's fault tests (PostgreSQL only) once the others are done.
 */
export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlCjs }] },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['common/**/*.test.ts', 'subgraphs/*/domain/**/*.test.ts', 'gateway/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [FAULTS],
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
