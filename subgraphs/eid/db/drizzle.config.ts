import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/eid/db/tables.ts',
  out: './subgraphs/eid/db/migrations',
  schemaFilter: ['eid'],
  migrations: { schema: 'eid', table: '__drizzle_migrations' },
});
