import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/interop/db/tables.ts',
  out: './subgraphs/interop/db/migrations',
  schemaFilter: ['interop'],
  migrations: { schema: 'interop', table: '__drizzle_migrations' },
});
