import { lt } from 'drizzle-orm';
import { accessEventsRetention, auditLogRetention, retentionStep } from '../../../../common/db/retention.js';
import type { RetentionStep } from '../../../../common/retention.js';
import { accessEvents, accessLog, auditLog } from '../../db/tables.js';

/** What identity deletes when personal data reaches its end date (common/retention.ts). */
export class RetentionRepository {
  steps(): RetentionStep[] {
    return [retentionStep('ACCESS_LOG', accessLog, (cut) => lt(accessLog.at, cut.instant)), accessEventsRetention(accessEvents), auditLogRetention(auditLog)];
  }
}
