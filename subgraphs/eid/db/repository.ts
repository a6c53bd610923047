import type { SQL } from 'drizzle-orm';
import { accessEventHandlers, viewerFromProjection } from '../../../common/domain/access.js';
import type { AuditRecord } from '../../../common/platform/audit.js';
import type { Database, Executor } from '../../../common/platform/db.js';
import { writeAudit } from '../../../common/platform/db/audit.js';
import type { Principal } from '../../../common/domain/principal.js';
import { RetentionRepository } from './retention.repository.js';
import { aclBindings, aclGuardianships, auditLog } from './tables.js';

/** All of eid's SQL: who may ask for whose code, and the audit log. */
export class EidRepository {
  constructor(readonly db: Database) {}

  readonly retention = new RetentionRepository();

  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  viewer(principal: Principal, pending?: SQL<string[]>) {
    return viewerFromProjection(this.db, { bindings: aclBindings, guardianships: aclGuardianships }, principal, pending);
  }

  /** Who may act for whom, from identity's events. */
  readonly accessEvents = accessEventHandlers({ bindings: aclBindings, guardianships: aclGuardianships });

  /** Audit rows, with the access-log events of the rows about a person read by someone else. */
  audit(entries: AuditRecord[], ex: Executor = this.db): Promise<void> {
    return writeAudit(ex, auditLog, entries);
  }
}
