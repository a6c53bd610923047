import { accessEventsRetention, auditLogRetention } from '../../../common/db/retention.js';
import type { RetentionStep } from '../../../common/retention.js';
import { accessEvents, auditLog } from './tables.js';

/** What eid deletes when personal data reaches its end date (common/retention.ts): it keeps nothing else personal. */
export class RetentionRepository {
  steps(): RetentionStep[] {
    return [accessEventsRetention(accessEvents), auditLogRetention(auditLog)];
  }
}
