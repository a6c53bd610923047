import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, numeric, pgSchema, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accessTables } from '../../../common/domain/access.js';
import type { TravellerStatusReceived } from '../../../common/platform/events/contracts.js';
import { auditLogTable } from '../../../common/platform/db/audit.js';
import { eventInboxTable, eventOffsetsTable, eventsTable } from '../../../common/platform/events/tables.js';

export type RiskKind = 'CONFIRMED' | 'SUSPECTED' | 'CLOSE_CONTACT' | 'KEY_AREA' | 'FEVER_CLINIC' | 'OUT_OF_PROVINCE';
export type Color = 'GREEN' | 'YELLOW' | 'RED';
export type DesignationBasisKind = 'EPIDEMIOLOGICAL_REPORT' | 'DIAGNOSIS' | 'AREA_RISK_NOTICE' | 'PARTNER_REQUEST' | 'LEGACY_IMPORT';
export type DesignationStatus = 'ACTIVE' | 'PENDING_APPROVAL' | 'LAPSED';
export type DesignationAlertKind = 'OFFICER_RATE' | 'ORGANISATION_RATE' | 'RED_WITHOUT_EPIDEMIOLOGICAL_BASIS';

export const healthStatus = pgSchema('health_status');

/** One declared version of a day as `day_facts.versions` keeps it (its number is the key). */
export interface DeclaredVersionData {
  temperature: number;
  symptoms: boolean;
  exposures: string[];
}

/**
 * What health-status knows of each person, from identity's PersonRegistered: the document's blind
 * index (to designate by document), the region (for aggregates) and the person's code id, the
 * random id a code token carries instead of anything that identifies the person.
 */
export const persons = healthStatus.table(
  'persons',
  {
    personId: uuid('person_id').primaryKey(),
    documentType: text('document_type').notNull(),
    documentIndex: text('document_index').notNull(),
    region: text('region').notNull(),
    birthDate: date('birth_date', { mode: 'string' }),
    codeId: uuid('code_id').notNull(),
    registeredAt: timestamp('registered_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('persons_document_uq').on(t.documentType, t.documentIndex), uniqueIndex('persons_code_id_uq').on(t.codeId), index().on(t.region)],
);

/** Risk designations: the authority's and partners' reasons for a colour. */
export const riskDesignations = healthStatus.table(
  'risk_designations',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id').notNull(),
    kind: text('kind').notNull().$type<RiskKind>(),
    since: timestamp('since', { withTimezone: true, mode: 'string' }).notNull(),
    source: text('source').notNull(),
    note: text('note'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    liftedAt: timestamp('lifted_at', { withTimezone: true, mode: 'string' }),
    liftedBy: text('lifted_by'),
    liftNote: text('lift_note'),
    voidedAt: timestamp('voided_at', { withTimezone: true, mode: 'string' }),
    voidedBy: text('voided_by'),
    voidReason: text('void_reason'),
    /** The legal basis (SPEC §2): its kind (`DesignationBasisKind`) and the case or notice number. Null only on rows older than the rule. */
    basisKind: text('basis_kind').$type<DesignationBasisKind>(),
    basisReference: text('basis_reference'),
    /** The designating organisation: a GB/T 2260 region code of a health commission (province 450000, a city, a county). */
    organisation: text('organisation'),
    /** `ACTIVE` (in effect), `PENDING_APPROVAL` (waits for a second officer, no colour), `LAPSED` (an emergency designation nobody approved in time). */
    status: text('status').$type<DesignationStatus>().notNull().default('ACTIVE'),
    /** An emergency designation: in effect at once, until `lapsesAt` unless approved. */
    emergency: boolean('emergency').notNull().default(false),
    lapsesAt: timestamp('lapses_at', { withTimezone: true, mode: 'string' }),
    lapsedAt: timestamp('lapsed_at', { withTimezone: true, mode: 'string' }),
    approvedAt: timestamp('approved_at', { withTimezone: true, mode: 'string' }),
    approvedBy: text('approved_by'),
    /** The designations one `designateRisks` call made share it: one approval covers the list. */
    batchId: uuid('batch_id'),
  },
  (t) => [
    index('risk_designations_person_idx').on(t.personId, t.since),
    index('risk_designations_batch_idx').on(t.batchId),
    index('risk_designations_lapse_idx').on(t.lapsesAt).where(sql`status = 'ACTIVE' and emergency and approved_at is null`),
    index('risk_designations_created_by_idx').on(t.createdBy, t.createdAt),
    index('risk_designations_organisation_idx').on(t.organisation, t.createdAt),
  ],
);

/**
 * Unusual designating (issue 26): one officer or one organisation above its configured rate, or a RED
 * designation on no epidemiological basis. Read by the authority's supervisors (`designationAlerts`).
 */
export const designationAlerts = healthStatus.table(
  'designation_alerts',
  {
    id: uuid('id').primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    kind: text('kind').$type<DesignationAlertKind>().notNull(),
    organisation: text('organisation').notNull(),
    /** The officer (principal subject) for OFFICER_RATE and RED_WITHOUT_EPIDEMIOLOGICAL_BASIS; null for ORGANISATION_RATE. */
    officer: text('officer'),
    /** Designations counted in the window (or 1 for a RED without epidemiological basis) and the threshold passed. */
    count: integer('count').notNull(),
    threshold: integer('threshold').notNull(),
    windowMinutes: integer('window_minutes').notNull(),
    designationId: uuid('designation_id'),
  },
  (t) => [index('designation_alerts_at_idx').on(t.at)],
);

/**
 * The transparency report's counters (issue 26): one row per local day of the step, designation
 * kind, basis kind and organisation; each step adds 1 in its own transaction. Never a person, never
 * an officer, and they outlive the designations they count.
 */
export const designationCounters = healthStatus.table(
  'designation_counters',
  {
    day: date('day', { mode: 'string' }).notNull(),
    kind: text('kind').$type<RiskKind>().notNull(),
    basisKind: text('basis_kind').notNull(),
    organisation: text('organisation').notNull(),
    made: integer('made').notNull().default(0),
    approved: integer('approved').notNull().default(0),
    lapsed: integer('lapsed').notNull().default(0),
    lifted: integer('lifted').notNull().default(0),
    appealed: integer('appealed').notNull().default(0),
    upheld: integer('upheld').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.kind, t.basisKind, t.organisation] })],
);

/**
 * One row per person and local day: what the rules need from declarations (and from checkpoint
 * temperature checks). `versionsReceived` counts declaration versions applied for the day.
 */
export const dayFacts = healthStatus.table(
  'day_facts',
  {
    personId: uuid('person_id').notNull(),
    localDate: date('local_date', { mode: 'string' }).notNull(),
    declared: boolean('declared').notNull().default(false),
    maxTemperature: numeric('max_temperature', { precision: 3, scale: 1, mode: 'number' }),
    symptoms: boolean('symptoms').notNull().default(false),
    exposures: text('exposures').array().notNull().default(sql`'{}'::text[]`),
    /** Provinces declared arrived from that day: a partner's GREEN speaks for its own province only. */
    arrivedFrom: text('arrived_from').array().notNull().default(sql`'{}'::text[]`),
    checkpointFever: boolean('checkpoint_fever').notNull().default(false),
    declarationVersion: integer('declaration_version').notNull().default(0),
    versionsReceived: integer('versions_received').notNull().default(0),
    /**
     * Every declared version of the day, keyed by version number: the rule set decides which count
     * (gx-2026.1: the strictest, so an amendment never erases what an earlier version declared).
     * Merged by key, so a redelivered or late event changes nothing it should not.
     */
    versions: jsonb('versions').$type<Record<string, DeclaredVersionData>>().notNull().default(sql`'{}'::jsonb`),
    /** The version an upheld correction (申诉纠错, mistaken entry) accepted: earlier ones no longer count. */
    correctedFrom: integer('corrected_from'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.localDate] })],
);

/**
 * The codes whose colour or normal days the date alone can change (see `timeBoundCodes`). Written
 * as SQL over the column names: a partial index's predicate must match the query's word for word.
 */
export const TIME_BOUND = sql`(color <> 'GREEN' or normal_days > 0)`;

/**
 * The colour as last evaluated, kept by the writes that change it (and by the daily rollover for
 * the codes the date changes), so a read of a code is a keyed read and counts need no request.
 */
export const healthCodes = healthStatus.table(
  'health_codes',
  {
    personId: uuid('person_id').primaryKey(),
    color: text('color').notNull().$type<Color>(),
    ruleVersion: text('rule_version').notNull(),
    reasons: jsonb('reasons').$type<unknown[]>().notNull(),
    greenOn: date('green_on', { mode: 'string' }),
    normalDays: integer('normal_days').notNull(),
    localDate: date('local_date', { mode: 'string' }).notNull(),
    evaluatedAt: timestamp('evaluated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    changedAt: timestamp('changed_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index().on(t.color), index('health_codes_time_bound_idx').on(t.personId).where(TIME_BOUND)],
);

export type CheckpointKind = 'COMMUNITY_GATE' | 'ENTERPRISE' | 'ROAD_CHECKPOINT' | 'TRANSPORT_HUB' | 'PUBLIC_VENUE' | 'GRID_VISIT';

export const checkpoints = healthStatus.table('checkpoints', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull().$type<CheckpointKind>(),
  region: text('region').notNull(),
  address: text('address'),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/** Every verification at a checkpoint, passed or not, readable or not: the tracing record. */
export const scans = healthStatus.table(
  'scans',
  {
    id: uuid('id').primaryKey(),
    checkpointId: uuid('checkpoint_id').notNull(),
    personId: uuid('person_id'),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    color: text('color').$type<Color>(),
    tokenColor: text('token_color').$type<Color>(),
    temperature: numeric('temperature', { precision: 3, scale: 1, mode: 'number' }),
    pass: boolean('pass').notNull(),
    reason: text('reason'),
    paper: boolean('paper').notNull().default(false),
    /**
     * The id the verifier page fixed for this scan on the phone (null for a scan verified online
     * without one): a scan sent twice, after a lost answer or a second sync, is recorded once.
     */
    clientScanId: uuid('client_scan_id'),
    /** When the server recorded it; later than `at` (the phone's scan time) for a scan queued offline. */
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'string' }),
    /** The road check (a car's passengers scanned together) this scan belongs to. */
    roadCheckId: uuid('road_check_id'),
  },
  (t) => [
    uniqueIndex('scans_client_scan_id_idx').on(t.checkpointId, t.clientScanId),
    index('scans_checkpoint_at_idx').on(t.checkpointId, t.at, t.id),
    index('scans_person_at_idx').on(t.personId, t.at, t.id),
    // Dashboards count a window across every checkpoint.
    index('scans_at_idx').on(t.at),
  ],
);

/**
 * A road check (道路交通卡口查验): one car's passengers scanned as one group at a road checkpoint,
 * recorded once under the id the verifier page fixed for it; its members are the scans naming it.
 */
export const roadChecks = healthStatus.table(
  'road_checks',
  {
    checkpointId: uuid('checkpoint_id').notNull(),
    id: uuid('id').notNull(),
    /** The plate number, when the officer typed one. */
    plate: text('plate'),
    /** The phone's time of the check. */
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'string' }).notNull(),
    people: smallint('people').notNull(),
    green: smallint('green').notNull(),
    yellow: smallint('yellow').notNull(),
    red: smallint('red').notNull(),
    /** Codes that could not be read or verified (expired, revoked, forged). */
    unreadable: smallint('unreadable').notNull(),
    pass: boolean('pass').notNull(),
  },
  (t) => [primaryKey({ columns: [t.checkpointId, t.id] }), index('road_checks_checkpoint_at_idx').on(t.checkpointId, t.at)],
);

export type AppealStatus = 'OPEN' | 'UPHELD' | 'REJECTED';
/** What an appeal says is wrong: the cause itself, or a mistyped declaration that a later version of the day corrects. */
export type AppealGround = 'DISPUTED_CAUSE' | 'MISTAKEN_ENTRY';
/** Who filed an appeal: the resident (or a guardian) from a channel, or a 12345 operator on the caller's behalf. */
export type AppealSource = 'CHANNEL' | 'HOTLINE';

/** Correction requests (纠错) against one reason of a colour, and the authority's decision. */
export const appeals = healthStatus.table(
  'appeals',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id').notNull(),
    reasonCode: text('reason_code').notNull(),
    designationId: uuid('designation_id'),
    ground: text('ground').notNull().$type<AppealGround>().default('DISPUTED_CAUSE'),
    /** For a MISTAKEN_ENTRY: the day whose declaration is corrected. */
    declarationDate: date('declaration_date', { mode: 'string' }),
    statement: text('statement').notNull(),
    status: text('status').notNull().$type<AppealStatus>().default('OPEN'),
    filedBy: uuid('filed_by').notNull(),
    channel: text('channel'),
    source: text('source').notNull().$type<AppealSource>().default('CHANNEL'),
    /** The 12345 work order number, for an appeal the hotline filed. */
    ticket: text('ticket'),
    filedAt: timestamp('filed_at', { withTimezone: true, mode: 'string' }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'string' }),
    decidedBy: text('decided_by'),
    decisionNote: text('decision_note'),
  },
  (t) => [
    index('appeals_person_idx').on(t.personId),
    index('appeals_status_filed_idx').on(t.status, t.filedAt, t.id),
    uniqueIndex('appeals_one_open_uq').on(t.personId, t.reasonCode, sql`coalesce(${t.designationId}, '00000000-0000-0000-0000-000000000000'::uuid)`).where(sql`${t.status} = 'OPEN'`),
  ],
);

/** Notes added to an open appeal, e.g. by a 12345 operator when the caller calls again. */
export const appealNotes = healthStatus.table(
  'appeal_notes',
  {
    id: uuid('id').primaryKey(),
    appealId: uuid('appeal_id')
      .notNull()
      .references(() => appeals.id),
    note: text('note').notNull(),
    /** `<principal kind>:<subject>`, e.g. `hotline:op-0042`. */
    author: text('author').notNull(),
    ticket: text('ticket'),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [index('appeal_notes_appeal_idx').on(t.appealId, t.at)],
);

/** Upheld appeals against causes implied by declarations: those occurrences no longer count. */
export const causeOverrides = healthStatus.table(
  'cause_overrides',
  {
    personId: uuid('person_id').notNull(),
    reasonCode: text('reason_code').notNull(),
    through: date('through', { mode: 'string' }).notNull(),
    appealId: uuid('appeal_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.personId, t.reasonCode, t.through] })],
);

/** Printed codes: long-lived tokens that can be revoked by their HMAC-derived revocation id. */
export const paperCodes = healthStatus.table(
  'paper_codes',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id').notNull(),
    kid: text('kid').notNull(),
    rid: text('rid').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true, mode: 'string' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    issuedBy: text('issued_by').notNull(),
    /** The guardian who printed it, so that ending the guardianship revokes it; null for the authority. */
    issuedByPerson: uuid('issued_by_person'),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
    revokedBy: text('revoked_by'),
  },
  (t) => [uniqueIndex('paper_codes_rid_uq').on(t.rid), index('paper_codes_person_idx').on(t.personId), index('paper_codes_kid_revoked_idx').on(t.kid, t.revokedAt)],
);

/** Partners' statements about travellers not registered yet: applied when they register. */
export const pendingTravellers = healthStatus.table(
  'pending_travellers',
  {
    partnerCode: text('partner_code').notNull(),
    requestId: text('request_id').notNull(),
    documentType: text('document_type').notNull(),
    documentIndex: text('document_index').notNull(),
    payload: jsonb('payload').$type<TravellerStatusReceived>().notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.partnerCode, t.requestId] }), index('pending_travellers_document_idx').on(t.documentType, t.documentIndex)],
);

/**
 * Residents by region and colour, kept by triggers on `persons` and `health_codes` (migration
 * 0010) in the transaction of every change, so a dashboard reads a few hundred rows whatever the
 * number of residents. Striped: each (region, colour) is COUNTER_SLOTS rows and a person always
 * counts in the slot of their id's hash, so the morning rush's colour changes in one district update
 * different rows instead of queueing on one row lock; a read sums the slots.
 */
export const colorCounters = healthStatus.table(
  'color_counters',
  {
    region: text('region').notNull(),
    color: text('color').$type<Color>().notNull(),
    slot: smallint('slot').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.region, t.color, t.slot] })],
);

/**
 * Scans and passes per checkpoint and hour, kept by a trigger on `scans` (migration 0012) in the
 * scan's own statement. A dashboard window reads its whole hours here and only its partial first
 * and last hours from the scans themselves. Striped by the scan's id, so a busy gate's scans in one
 * hour do not queue on one row.
 */
export const scanCounters = healthStatus.table(
  'scan_counters',
  {
    checkpointId: uuid('checkpoint_id').notNull(),
    hour: timestamp('hour', { withTimezone: true, mode: 'string' }).notNull(),
    slot: smallint('slot').notNull(),
    scans: integer('scans').notNull(),
    passed: integer('passed').notNull(),
  },
  (t) => [primaryKey({ columns: [t.checkpointId, t.hour, t.slot] }), index('scan_counters_hour_idx').on(t.hour)],
);

export type PlaceKind = 'SHOP' | 'MARKET' | 'RESIDENTIAL_GATE' | 'RESTAURANT' | 'OFFICE' | 'PUBLIC_VENUE' | 'TRANSPORT';

/** Places with a printed place code (场所码) that residents scan themselves to record a visit. */
export const places = healthStatus.table(
  'places',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    /** GB/T 2260 county code inside the province. */
    county: text('county').notNull(),
    kind: text('kind').notNull().$type<PlaceKind>(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('places_county_idx').on(t.county)],
);

/**
 * Residents' check-ins at places: the tracing record of place codes, deleted after the tracing
 * window (PLACE_VISIT_RETENTION_DAYS) by the daily purge; the hourly counters keep the numbers.
 */
export const placeVisits = healthStatus.table(
  'place_visits',
  {
    id: uuid('id').primaryKey(),
    placeId: uuid('place_id').notNull(),
    personId: uuid('person_id').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    /** The colour shown on the check-in card. */
    color: text('color').notNull().$type<Color>(),
    /** The guardian who checked a dependent in; null when the person checked in themself. */
    byPerson: uuid('by_person'),
  },
  (t) => [index('place_visits_place_at_idx').on(t.placeId, t.at, t.personId), index('place_visits_person_at_idx').on(t.personId, t.at), index('place_visits_at_idx').on(t.at)],
);

/**
 * A place and time window the authority designated (a confirmed case was there), with its legal
 * basis: every visitor in the window was made KEY_AREA. One row per place and window, so designating
 * it again changes nothing.
 */
export const placeWindows = healthStatus.table(
  'place_windows',
  {
    id: uuid('id').primaryKey(),
    placeId: uuid('place_id').notNull(),
    from: timestamp('from', { withTimezone: true, mode: 'string' }).notNull(),
    to: timestamp('to', { withTimezone: true, mode: 'string' }).notNull(),
    basisKind: text('basis_kind').notNull(),
    basisReference: text('basis_reference').notNull(),
    note: text('note'),
    designated: integer('designated').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('place_windows_uq').on(t.placeId, t.from, t.to)],
);

/**
 * Check-ins per place and hour, kept by a trigger on `place_visits` in the check-in's own statement
 * (striped like `scan_counters`): dashboards read these, and they outlive the purged visits.
 */
export const placeVisitCounters = healthStatus.table(
  'place_visit_counters',
  {
    placeId: uuid('place_id').notNull(),
    hour: timestamp('hour', { withTimezone: true, mode: 'string' }).notNull(),
    slot: smallint('slot').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.placeId, t.hour, t.slot] }), index('place_visit_counters_hour_idx').on(t.hour)],
);

export const auditLog = auditLogTable(healthStatus);
export const events = eventsTable(healthStatus);
/** Reads of people's data, for identity's access log (common/platform/db/audit.ts writes them with the audit rows). */
export const accessEvents = eventsTable(healthStatus, 'access_events');
export const eventOffsets = eventOffsetsTable(healthStatus);
export const eventInbox = eventInboxTable(healthStatus);
export const { bindings: aclBindings, guardianships: aclGuardianships } = accessTables(healthStatus);

export type PersonRow = typeof persons.$inferSelect;
export type RiskDesignationRow = typeof riskDesignations.$inferSelect;
export type DesignationAlertRow = typeof designationAlerts.$inferSelect;
export type DesignationCounterRow = typeof designationCounters.$inferSelect;
export type DayFactRow = typeof dayFacts.$inferSelect;
export type HealthCodeRow = typeof healthCodes.$inferSelect;
export type CheckpointRow = typeof checkpoints.$inferSelect;
export type RoadCheckRow = typeof roadChecks.$inferSelect;
export type ScanRow = typeof scans.$inferSelect;
export type AppealRow = typeof appeals.$inferSelect;
export type AppealNoteRow = typeof appealNotes.$inferSelect;
export type PaperCodeRow = typeof paperCodes.$inferSelect;
export type PlaceRow = typeof places.$inferSelect;
export type PlaceVisitRow = typeof placeVisits.$inferSelect;
export type PlaceWindowRow = typeof placeWindows.$inferSelect;
