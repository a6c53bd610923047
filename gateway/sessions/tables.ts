import { index, jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';
import type { Principal } from '../../common/domain/principal.js';

// The gateway's own schema (gateway/db/tables.ts re-exports these tables for drizzle-kit).
const gateway = pgSchema('gateway');

/**
 * One-time launch tickets for the H5 code page. A channel's backend asks for one (with its API key
 * and its user); the browser redeems it once, within 60 s, for a session. Only a SHA-256 of the
 * ticket is kept: a database dump cannot be replayed.
 */
export const browserTickets = gateway.table(
  'browser_tickets',
  {
    ticketHash: text('ticket_hash').primaryKey(),
    principal: jsonb('principal').$type<Principal>().notNull(),
    /** SHA-256 of the API key that asked for the ticket: redeeming it checks that key is still good. */
    keyHash: text('key_hash'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index().on(t.expiresAt)],
);

/**
 * Browser sessions (H5 residents, dashboard officials): the principal a session cookie stands for,
 * kept in the database so any gateway instance serves it and logout ends it everywhere. The cookie
 * holds a random id of which only a SHA-256 is stored; `csrf` is the token every request must echo
 * in a header.
 */
export const browserSessions = gateway.table(
  'browser_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    principal: jsonb('principal').$type<Principal>().notNull(),
    csrf: text('csrf').notNull(),
    /**
     * SHA-256 of the API key behind the session (the channel's, or the key an official pasted), the
     * same hash `api_keys` keeps: every request checks that key and its channel through the gateway's
     * key cache, so a revocation or suspension ends the session. Null only on sessions opened before
     * this column existed, which are treated as ended.
     */
    keyHash: text('key_hash'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index().on(t.expiresAt)],
);

export type BrowserSessionRow = typeof browserSessions.$inferSelect;
