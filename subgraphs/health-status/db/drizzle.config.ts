import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/health-status/db/tables.ts',
  out: './subgraphs/health-status/db/migrations',
  schemaFilter: ['health_status'],
  migrations: { schema: 'health_status', table: '__drizzle_migrations' },
});
