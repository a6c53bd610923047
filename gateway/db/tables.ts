import { index, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const gateway = pgSchema('gateway');

/**
 * API keys of channels, checkpoints, the authority, dashboards and operators. Only a SHA-256 of the
 * key is kept: keys are 256-bit random strings, so a fast hash is as safe as a slow one here and
 * lets every request be authenticated without a KDF on the hot path.
 */
export const apiKeys = gateway.table(
  'api_keys',
  {
    id: text('id').primaryKey(),
    keyHash: text('key_hash').notNull().unique(),
    principalKind: text('principal_kind').notNull(),
    subject: text('subject').notNull(),
    scopes: text('scopes').array().notNull().default([]),
    label: text('label'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index().on(t.principalKind, t.subject)],
);

/**
 * Partner token ids seen, kept until the token expires: a replayed token is refused, across gateway
 * restarts and across gateway instances.
 */
export const partnerJtis = gateway.table(
  'partner_jtis',
  {
    partnerCode: text('partner_code').notNull(),
    jti: text('jti').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerCode, t.jti] }), index().on(t.expiresAt)],
);

export type ApiKeyRow = typeof apiKeys.$inferSelect;

// Browser sessions of the H5 and dashboard pages live beside the code that uses them.
export { browserSessions, browserTickets } from '../sessions/tables.js';
