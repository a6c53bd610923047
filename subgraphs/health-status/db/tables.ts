import { index, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { auditLogTable } from '../../../common/db/audit.js';

export type RiskKind = 'CONFIRMED' | 'SUSPECTED' | 'CLOSE_CONTACT' | 'KEY_AREA' | 'FEVER_CLINIC' | 'OUT_OF_PROVINCE';

export const healthStatus = pgSchema('health_status');

/** Risk designations: the authority's (and partners', and implied) reasons for a colour. */
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
  },
  (t) => [index('risk_designations_person_idx').on(t.personId, t.since)],
);

export const auditLog = auditLogTable(healthStatus);

export type RiskDesignationRow = typeof riskDesignations.$inferSelect;
