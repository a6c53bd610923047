import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { auditLogTable } from '../../../common/platform/db/audit.js';
import type { VerificationMethod } from '../../../common/domain/verification.js';
import { eventInboxTable, eventOffsetsTable, eventsTable } from '../../../common/platform/events/tables.js';
import type { GuardianshipBasis } from '../domain/consent.js';

export type HouseholdRelation = 'PARENT' | 'GRANDPARENT' | 'CHILD' | 'SPOUSE' | 'OTHER';
export type DocumentType = 'RESIDENT_ID' | 'PASSPORT' | 'HK_MACAO_PERMIT' | 'TAIWAN_PERMIT' | 'FOREIGN_PERMANENT_RESIDENT';

export const identity = pgSchema('identity');

/**
 * A person. The document number is never stored in clear: `documentCipher` holds it under
 * AES-256-GCM and `documentIndex` is its keyed HMAC, the only thing look-ups compare.
 */
export const persons = identity.table(
  'persons',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    sex: text('sex').$type<'MALE' | 'FEMALE'>(),
    documentType: text('document_type').notNull().$type<DocumentType>(),
    documentIndex: text('document_index').notNull(),
    documentCipher: text('document_cipher').notNull(),
    documentMasked: text('document_masked').notNull(),
    birthDate: date('birth_date', { mode: 'string' }),
    region: text('region').notNull(),
    address: text('address'),
    phoneCipher: text('phone_cipher'),
    phoneMasked: text('phone_masked'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('persons_document_uq').on(t.documentType, t.documentIndex), index().on(t.region)],
);

export type ChannelKind = 'MINI_PROGRAM' | 'APP' | 'H5';
export type ChannelStatus = 'ACTIVE' | 'SUSPENDED';

export const channels = identity.table('channels', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull().$type<ChannelKind>(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  /** A suspended channel's requests are refused (FORBIDDEN, with the reason) until it is reinstated. */
  status: text('status').notNull().$type<ChannelStatus>().default('ACTIVE'),
  suspendedReason: text('suspended_reason'),
  contact: text('contact'),
  /** The origin (scheme, host, port) the channel embeds the H5 code page in. */
  h5Origin: text('h5_origin'),
});

export type ChannelApplicationStatus = 'PENDING' | 'APPROVED' | 'REJECTED';

/** An internet company's application to become a channel (统一开放机制), until an operator decides. */
export const channelApplications = identity.table('channel_applications', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull().$type<ChannelKind>(),
  contact: text('contact').notNull(),
  h5Origin: text('h5_origin').notNull(),
  status: text('status').notNull().$type<ChannelApplicationStatus>().default('PENDING'),
  appliedBy: text('applied_by').notNull(),
  appliedAt: timestamp('applied_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  channelCode: text('channel_code').references(() => channels.code),
  decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'string' }),
  decidedBy: text('decided_by'),
  rejectionReason: text('rejection_reason'),
});

/**
 * A channel's API keys: only the SHA-256 of each key is kept (shown once, at issue). Two may be
 * active during a rotation; the old one carries the time it retires.
 */
export const channelKeys = identity.table(
  'channel_keys',
  {
    id: uuid('id').primaryKey(),
    channel: text('channel')
      .notNull()
      .references(() => channels.code),
    keyHash: text('key_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    retiresAt: timestamp('retires_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index().on(t.channel)],
);

/** Requests per channel, local day and outcome (`OK` or an error code), counted by the gateway in batches. */
export const channelUsage = identity.table(
  'channel_usage',
  {
    channel: text('channel').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    outcome: text('outcome').notNull(),
    count: bigint('count', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.day, t.outcome] })],
);

/** A channel's own user id (e.g. a WeChat openid) bound once, on registration, to one person. */
export const channelBindings = identity.table(
  'channel_bindings',
  {
    channel: text('channel')
      .notNull()
      .references(() => channels.code),
    channelUser: text('channel_user').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    boundAt: timestamp('bound_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    /** The real-name check the channel asserted on registration; rows from before it asked, and legacy imports, vouch for the document alone. */
    verification: text('verification').notNull().$type<VerificationMethod>().default('DOCUMENT'),
  },
  (t) => [primaryKey({ columns: [t.channel, t.channelUser] }), index().on(t.personId)],
);

/**
 * Household guardianship: the guardian may declare for the dependent and see their code. A removed
 * guardianship keeps its row (removedAt) for the record; at most one active row per pair.
 */
export const guardianships = identity.table(
  'guardianships',
  {
    guardianId: uuid('guardian_id')
      .notNull()
      .references(() => persons.id),
    dependentId: uuid('dependent_id')
      .notNull()
      .references(() => persons.id),
    relation: text('relation').notNull().$type<HouseholdRelation>(),
    /**
     * Why the link exists (domain/consent.ts): a provisional one (NEW_PERSON, CHILD, ELDERLY) ends
     * when the member registers through a channel of their own; CONSENT and AUTHORITY stay. Rows
     * from before the column count as provisional unless an accepted request stands behind them.
     */
    basis: text('basis').notNull().$type<GuardianshipBasis>().default('NEW_PERSON'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true, mode: 'string' }),
    removedBy: text('removed_by'),
  },
  (t) => [primaryKey({ columns: [t.guardianId, t.dependentId] }), index().on(t.dependentId)],
);

/**
 * Document look-ups a resident made today (adding a household member, asking to become a
 * guardian): a small daily budget, so nobody sweeps documents to learn who is registered. Counted
 * in the database so every instance of the subgraph shares it.
 */
export const documentLookups = identity.table(
  'document_lookups',
  {
    personId: uuid('person_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.day] })],
);

export type GuardianshipRequestStatus = 'PENDING' | 'ACCEPTED' | 'DECLINED';

/**
 * A request to become a registered person's guardian, waiting for that person's consent (from their
 * own channel) or the authority's decision. At most one pending request per pair.
 */
export const guardianshipRequests = identity.table(
  'guardianship_requests',
  {
    id: uuid('id').primaryKey(),
    guardianId: uuid('guardian_id')
      .notNull()
      .references(() => persons.id),
    dependentId: uuid('dependent_id')
      .notNull()
      .references(() => persons.id),
    relation: text('relation').notNull().$type<HouseholdRelation>(),
    status: text('status').notNull().$type<GuardianshipRequestStatus>().default('PENDING'),
    requestedAt: timestamp('requested_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'string' }),
    decidedBy: text('decided_by'),
  },
  (t) => [
    uniqueIndex('guardianship_requests_pending_uq').on(t.guardianId, t.dependentId).where(sql`status = 'PENDING'`),
    index().on(t.dependentId),
  ],
);

/** An enterprise registered by an operator for return-to-work registration (单位企业复工登记). */
export const employers = identity.table('employers', {
  /** The unified social credit code (GB 32100), check character verified: the employer principal's subject. */
  creditCode: text('credit_code').primaryKey(),
  name: text('name').notNull(),
  region: text('region').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  createdBy: text('created_by').notNull(),
});

/**
 * A resident's consent to show their colour and declared-today status to an employer. Only the
 * resident makes or ends it; leaving deletes the row (the audit log keeps the history), so a left
 * person is nowhere the employer can read. `id` orders the staff list and is never shown.
 */
export const employerMemberships = identity.table(
  'employer_memberships',
  {
    id: uuid('id').primaryKey(),
    creditCode: text('credit_code')
      .notNull()
      .references(() => employers.creditCode),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    joinedAt: timestamp('joined_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('employer_memberships_uq').on(t.creditCode, t.personId), index().on(t.personId)],
);

export type LegacyConflictKind = 'DOCUMENT_HOLDER_MISMATCH' | 'VENDOR_USER_TWO_DOCUMENTS';

/**
 * A vendor record the legacy import would not merge: its document is held by someone with another
 * name or birth date, or its vendor user is bound to another document already. One row per vendor
 * user and kind, so a re-import reports it again without a second row.
 */
export const legacyConflicts = identity.table(
  'legacy_conflicts',
  {
    id: uuid('id').primaryKey(),
    vendor: text('vendor')
      .notNull()
      .references(() => channels.code),
    vendorUser: text('vendor_user').notNull(),
    kind: text('kind').notNull().$type<LegacyConflictKind>(),
    documentType: text('document_type').notNull().$type<DocumentType>(),
    documentMasked: text('document_masked').notNull(),
    /** The person already holding the document, or the one the vendor user is bound to. */
    personId: uuid('person_id').references(() => persons.id),
    line: integer('line'),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('legacy_conflicts_uq').on(t.vendor, t.vendorUser, t.kind), index().on(t.reportedAt)],
);

export const auditLog = auditLogTable(identity);
export const events = eventsTable(identity);
/** Reads of people's data, for the access log below (common/platform/db/audit.ts writes them with the audit rows). */
export const accessEvents = eventsTable(identity, 'access_events');
/** Identity consumes every subgraph's access events (its only consumer so far). */
export const eventOffsets = eventOffsetsTable(identity);
export const eventInbox = eventInboxTable(identity);

/**
 * "Who looked at my data": a person's access log, kept from every subgraph's access events. One row
 * per event, keyed by where it came from, so delivering an event again changes nothing.
 */
export const accessLog = identity.table(
  'access_log',
  {
    stream: text('stream').notNull(),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    personId: uuid('person_id').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    principalKind: text('principal_kind').notNull(),
    principalSubject: text('principal_subject').notNull(),
    action: text('action').notNull(),
    operation: text('operation'),
    ticket: text('ticket'),
    organisation: text('organisation'),
    what: text('what'),
  },
  (t) => [primaryKey({ columns: [t.stream, t.eventId] }), index().on(t.personId, t.at, t.stream, t.eventId)],
);

export type PersonRow = typeof persons.$inferSelect;
export type AccessLogRow = typeof accessLog.$inferSelect;
export type ChannelRow = typeof channels.$inferSelect;
export type ChannelBindingRow = typeof channelBindings.$inferSelect;
export type GuardianshipRow = typeof guardianships.$inferSelect;
export type GuardianshipRequestRow = typeof guardianshipRequests.$inferSelect;
export type EmployerRow = typeof employers.$inferSelect;
export type EmployerMembershipRow = typeof employerMemberships.$inferSelect;
export type LegacyConflictRow = typeof legacyConflicts.$inferSelect;
export type ChannelApplicationRow = typeof channelApplications.$inferSelect;
export type ChannelKeyRow = typeof channelKeys.$inferSelect;
