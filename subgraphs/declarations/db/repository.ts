import type { SQL } from 'drizzle-orm';
import { accessEventHandlers, viewerFromProjection } from '../../../common/domain/access.js';
import type { AuditRecord } from '../../../common/platform/audit.js';
import type { Database, Executor } from '../../../common/platform/db.js';
import { writeAudit } from '../../../common/platform/db/audit.js';
import type { Principal } from '../../../common/domain/principal.js';
import { DashboardsRepository } from '../modules/dashboards/dashboards.repository.js';
import { DeclarationVersionsRepository } from '../modules/declarations/declarations.repository.js';
import { RetentionRepository } from './retention.repository.js';
import { aclBindings, aclGuardianships, auditLog, type DeclarationRow } from './tables.js';

// The row type stays importable from here: graphql-codegen's mappers (codegen.ts) name this file.
export type { DeclarationRow };
export type { NewDeclaration } from '../modules/declarations/declarations.repository.js';
export type AuditEntry = typeof auditLog.$inferInsert;

const access = { bindings: aclBindings, guardianships: aclGuardianships };

/**
 * declarations' data access, one repository per aggregate (health-status's shape): each lives in its
 * feature's module folder. This holds them with what every feature shares: the transaction, the
 * audit log and who may act for whom.
 */
export class DeclarationsRepository {
  readonly declarations: DeclarationVersionsRepository;
  readonly dashboards: DashboardsRepository;
  readonly retention: RetentionRepository;

  constructor(readonly db: Database) {
    this.declarations = new DeclarationVersionsRepository(db);
    this.dashboards = new DashboardsRepository(db);
    this.retention = new RetentionRepository(db);
  }

  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  viewer(principal: Principal, pending?: SQL<string[]>) {
    return viewerFromProjection(this.db, access, principal, pending);
  }

  /** Who may act for whom, from identity's events. */
  readonly accessEvents = accessEventHandlers(access);

  /** Audit rows, with the access-log events of the rows about a person read by someone else. */
  audit(entries: AuditRecord[], ex: Executor = this.db): Promise<void> {
    return writeAudit(ex, auditLog, entries);
  }
}
