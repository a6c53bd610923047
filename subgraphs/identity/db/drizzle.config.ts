import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/identity/db/tables.ts',
  out: './subgraphs/identity/db/migrations',
  schemaFilter: ['identity'],
  migrations: { schema: 'identity', table: '__drizzle_migrations' },
});
