import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { auditLogTable } from '../../../common/platform/db/audit.js';
import { eventInboxTable, eventOffsetsTable, eventsTable } from '../../../common/platform/events/tables.js';

export type PartnerRight = 'REQUEST_STATUS' | 'SEND_STATUS' | 'VERIFY_CODES' | 'NATIONAL_INTERFACE';
export type Color = 'GREEN' | 'YELLOW' | 'RED';

export const interop = pgSchema('interop');

/** Partners: other provinces and national partners, and what they may call. */
export const partners = interop.table('partners', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull().$type<'PROVINCE' | 'NATIONAL'>(),
  status: text('status').notNull().$type<'ACTIVE' | 'SUSPENDED'>().default('ACTIVE'),
  rights: text('rights').array().notNull().default(sql`'{}'::text[]`).$type<PartnerRight[]>(),
  jwks: jsonb('jwks').$type<{ keys: Record<string, unknown>[] }>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/** Every key a partner ever registered; a rotated-out key verifies until `notAfter`. */
export const partnerKeys = interop.table(
  'partner_keys',
  {
    partnerCode: text('partner_code').notNull(),
    kid: text('kid').notNull(),
    jwk: jsonb('jwk').$type<Record<string, unknown>>().notNull(),
    addedAt: timestamp('added_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    notAfter: timestamp('not_after', { withTimezone: true, mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.partnerCode, t.kid] })],
);

/** Idempotency: each partner request id answers the same, whatever the number of retries. */
export const partnerRequests = interop.table(
  'partner_requests',
  {
    partnerCode: text('partner_code').notNull(),
    requestId: text('request_id').notNull(),
    operation: text('operation').notNull(),
    inputHash: text('input_hash').notNull(),
    response: jsonb('response').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.partnerCode, t.requestId] })],
);

/**
 * What interop knows of our residents' codes, from identity's and health-status's events: enough to
 * answer a partner by document without reading another subgraph's tables.
 */
export const residentStatus = interop.table(
  'resident_status',
  {
    personId: uuid('person_id').primaryKey(),
    documentType: text('document_type').notNull(),
    documentIndex: text('document_index').notNull(),
    color: text('color').notNull().$type<Color>().default('GREEN'),
    ruleVersion: text('rule_version'),
    asOf: timestamp('as_of', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [uniqueIndex('resident_status_document_uq').on(t.documentType, t.documentIndex)],
);

/** Partners' code tokens checked at our checkpoints. */
export const foreignScans = interop.table(
  'foreign_scans',
  {
    id: uuid('id').primaryKey(),
    checkpointId: text('checkpoint_id').notNull(),
    issuer: text('issuer'),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    color: text('color').$type<Color>(),
    valid: boolean('valid').notNull(),
    pass: boolean('pass').notNull(),
    reason: text('reason'),
  },
  (t) => [index('foreign_scans_checkpoint_at_idx').on(t.checkpointId, t.at)],
);

export const auditLog = auditLogTable(interop);
export const events = eventsTable(interop);
/** Reads of people's data, for identity's access log (common/platform/db/audit.ts writes them with the audit rows). */
export const accessEvents = eventsTable(interop, 'access_events');
export const eventOffsets = eventOffsetsTable(interop);
export const eventInbox = eventInboxTable(interop);

export type PartnerRow = typeof partners.$inferSelect;
export type PartnerKeyRow = typeof partnerKeys.$inferSelect;
export type ResidentStatusRow = typeof residentStatus.$inferSelect;
