import { pgSchema } from 'drizzle-orm/pg-core';
import { accessTables } from '../../../common/domain/access.js';
import { auditLogTable } from '../../../common/platform/db/audit.js';
import { eventInboxTable, eventOffsetsTable, eventsTable } from '../../../common/platform/events/tables.js';

/**
 * The electronic ID code keeps no personal data of its own: the identity it asserts comes from
 * identity at request time (`@requires`), signed and forgotten. It keeps who may ask for whom (a
 * projection of identity's events) and the audit log of guardians' requests and counters' checks.
 */
export const eid = pgSchema('eid');

export const auditLog = auditLogTable(eid);
export const events = eventsTable(eid);
/** Reads of people's data for identity's access log, written with the audit rows (`writeAudit`). */
export const accessEvents = eventsTable(eid, 'access_events');
export const eventOffsets = eventOffsetsTable(eid);
export const eventInbox = eventInboxTable(eid);
export const { bindings: aclBindings, guardianships: aclGuardianships } = accessTables(eid);
