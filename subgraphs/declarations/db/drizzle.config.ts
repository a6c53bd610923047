import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/declarations/db/tables.ts',
  out: './subgraphs/declarations/db/migrations',
  schemaFilter: ['declarations'],
  migrations: { schema: 'declarations', table: '__drizzle_migrations' },
});
