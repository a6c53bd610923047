import { jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { auditLogTable } from '../../../common/db/audit.js';

export const interop = pgSchema('interop');

/** Partners: other provinces and national partners, their keys and what they may call. */
export const partners = interop.table('partners', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull().$type<'PROVINCE' | 'NATIONAL'>(),
  status: text('status').notNull().$type<'ACTIVE' | 'SUSPENDED'>().default('ACTIVE'),
  rights: text('rights').array().notNull().default(sql`'{}'::text[]`),
  jwks: jsonb('jwks').$type<{ keys: Record<string, unknown>[] }>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

export const auditLog = auditLogTable(interop);

export type PartnerRow = typeof partners.$inferSelect;
