import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './gateway/db/tables.ts',
  out: './gateway/db/migrations',
  schemaFilter: ['gateway'],
  migrations: { schema: 'gateway', table: '__drizzle_migrations' },
});
