import type { AuditRecord } from '../../../common/platform/audit.js';
import type { Database, Executor } from '../../../common/platform/db.js';
import { writeAudit } from '../../../common/platform/db/audit.js';
import { ForeignCodesRepository } from '../modules/foreign-codes/foreign-codes.repository.js';
import { PartnersRepository } from '../modules/partners/partners.repository.js';
import { RetentionRepository } from './retention.repository.js';
import { StatusRepository } from '../modules/status/status.repository.js';
import { auditLog } from './tables.js';

// The row types stay importable from here: graphql-codegen's mappers (codegen.ts) name this file.
export type { PartnerKeyRow, PartnerRow, ResidentStatusRow } from './tables.js';
export type { NewPartner } from '../modules/partners/partners.repository.js';
export type { StoredRequest } from '../modules/status/status.repository.js';
export type AuditEntry = typeof auditLog.$inferInsert;

/**
 * interop's data access, one repository per aggregate (health-status's shape): each lives in its
 * feature's module folder. This holds them with what every feature shares: the transaction and the
 * audit log.
 */
export class InteropRepository {
  readonly partners: PartnersRepository;
  /** Partners' requests and the residents' status they are answered from (modules/status). */
  readonly status: StatusRepository;
  readonly foreignCodes: ForeignCodesRepository;
  readonly retention = new RetentionRepository();

  constructor(readonly db: Database) {
    this.partners = new PartnersRepository(db);
    this.status = new StatusRepository(db);
    this.foreignCodes = new ForeignCodesRepository(db);
  }

  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  /** Audit rows, with the access-log events of the rows about a person read by someone else. */
  audit(entries: AuditRecord[], ex: Executor = this.db): Promise<void> {
    return writeAudit(ex, auditLog, entries);
  }
}
