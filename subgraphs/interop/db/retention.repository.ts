import { lt } from 'drizzle-orm';
import { accessEventsRetention, auditLogRetention, retentionStep } from '../../../common/platform/db/retention.js';
import type { RetentionStep } from '../../../common/domain/retention.js';
import { accessEvents, auditLog, foreignScans, partnerRequests } from './tables.js';

/** What interop deletes when personal data reaches its end date (common/domain/retention.ts). */
export class RetentionRepository {
  steps(): RetentionStep[] {
    return [
      retentionStep('PARTNER_REQUESTS', partnerRequests, (cut) => lt(partnerRequests.createdAt, cut.instant)),
      retentionStep('FOREIGN_SCANS', foreignScans, (cut) => lt(foreignScans.at, cut.instant)),
      accessEventsRetention(accessEvents),
      auditLogRetention(auditLog),
    ];
  }
}
