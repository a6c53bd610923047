import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, numeric, pgSchema, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accessTables } from '../../../common/domain/access.js';
import { auditLogTable } from '../../../common/platform/db/audit.js';
import { eventInboxTable, eventOffsetsTable, eventsTable } from '../../../common/platform/events/tables.js';
import type { Exposure, Symptom, Trip } from '../domain/declaration.js';

export const declarations = pgSchema('declarations');

/**
 * Every version of every daily declaration. The current version of a person's day is the one with
 * no `supersededAt`; amendments keep the earlier versions for the record.
 */
export const declarationVersions = declarations.table(
  'declaration_versions',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id').notNull(),
    localDate: date('local_date', { mode: 'string' }).notNull(),
    version: integer('version').notNull(),
    temperature: numeric('temperature', { precision: 3, scale: 1, mode: 'number' }).notNull(),
    symptoms: text('symptoms').array().notNull().default(sql`'{}'::text[]`).$type<Symptom[]>(),
    exposures: jsonb('exposures').$type<Exposure[]>().notNull().default(sql`'[]'::jsonb`),
    trip: jsonb('trip').$type<Trip>(),
    normal: boolean('normal').notNull(),
    submittedBy: uuid('submitted_by'),
    submittedByRelation: text('submitted_by_relation').notNull().default('SELF').$type<'SELF' | 'GUARDIAN'>(),
    channel: text('channel'),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    supersededAt: timestamp('superseded_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    uniqueIndex('declaration_versions_person_day_version_uq').on(t.personId, t.localDate, t.version),
    uniqueIndex('declaration_versions_current_uq').on(t.personId, t.localDate).where(sql`${t.supersededAt} is null`),
    index('declaration_versions_day_idx').on(t.localDate),
  ],
);

/**
 * Current declarations per local day, and how many are not normal, kept by triggers on
 * `declaration_versions` (migration 0004) in the declaring transaction: a dashboard's
 * declarations-per-day reads days × slots rows, whatever the number of residents. Striped by the
 * person's hash (see health-status's colour counters) so the morning rush does not queue on one row.
 */
export const dayCounters = declarations.table(
  'day_counters',
  {
    localDate: date('local_date', { mode: 'string' }).notNull(),
    slot: smallint('slot').notNull(),
    declared: integer('declared').notNull(),
    abnormal: integer('abnormal').notNull(),
  },
  (t) => [primaryKey({ columns: [t.localDate, t.slot] })],
);

export const auditLog = auditLogTable(declarations);
export const events = eventsTable(declarations);
/** Reads of people's data, for identity's access log (common/platform/db/audit.ts writes them with the audit rows). */
export const accessEvents = eventsTable(declarations, 'access_events');
export const eventOffsets = eventOffsetsTable(declarations);
export const eventInbox = eventInboxTable(declarations);
export const { bindings: aclBindings, guardianships: aclGuardianships } = accessTables(declarations);

export type DeclarationRow = typeof declarationVersions.$inferSelect;
