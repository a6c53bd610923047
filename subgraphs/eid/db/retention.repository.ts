import { accessEventsRetention, auditLogRetention } from '../../../common/platform/db/retention.js';
import type { RetentionStep } from '../../../common/domain/retention.js';
import { accessEvents, auditLog } from './tables.js';

/** What eid deletes when personal data reaches its end date (common/domain/retention.ts): it keeps nothing else personal. */
export class RetentionRepository {
  steps(): RetentionStep[] {
    return [accessEventsRetention(accessEvents), auditLogRetention(auditLog)];
  }
}
