import type { SQL, SQLWrapper } from 'drizzle-orm';
import { accessEventHandlers, viewerFromProjection } from '../../../common/domain/access.js';
import type { AuditRecord } from '../../../common/platform/audit.js';
import type { Database, Executor } from '../../../common/platform/db.js';
import { auditCtes, writeAudit } from '../../../common/platform/db/audit.js';
import type { Principal } from '../../../common/domain/principal.js';
import { AppealsRepository } from '../modules/appeals/appeals.repository.js';
import { CheckpointsRepository } from '../modules/checkpoints/checkpoints.repository.js';
import { CodesRepository } from '../modules/codes/codes.repository.js';
import { DashboardsRepository } from '../modules/dashboards/dashboards.repository.js';
import { DesignationsRepository } from '../modules/designations/designations.repository.js';
import { PaperCodesRepository } from '../modules/paper-codes/paper-codes.repository.js';
import { PlacesRepository } from '../modules/places/places.repository.js';
import { RetentionRepository } from './retention.repository.js';
import { FactsRepository } from './facts.repository.js';
import { PersonsRepository } from './persons.repository.js';
import { aclBindings, aclGuardianships, auditLog } from './tables.js';

export type { DesignationAlertRow, DesignationCounterRow } from './tables.js';
export type { AppealGround, AppealNoteRow, AppealRow, AppealSource, AppealStatus, CheckpointRow, DayFactRow, HealthCodeRow, PaperCodeRow, PersonRow, PlaceRow, PlaceVisitRow, PlaceWindowRow, RiskDesignationRow, ScanRow } from './tables.js';
export type { NewAppeal } from '../modules/appeals/appeals.repository.js';
export type { NewCheckpoint, NewScan } from '../modules/checkpoints/checkpoints.repository.js';
export type { NewHealthCode, OverrideRow, StoredCode } from '../modules/codes/codes.repository.js';
export type { NewDesignation } from '../modules/designations/designations.repository.js';
export type { NewPaperCode } from '../modules/paper-codes/paper-codes.repository.js';
export type AuditEntry = typeof auditLog.$inferInsert;

const access = { bindings: aclBindings, guardianships: aclGuardianships };

/**
 * health-status's data access, one repository per aggregate (Immich's shape): each feature's lives in
 * its module folder, the projections of other subgraphs' events (persons, day facts) in `db/`. This
 * holds them with what every feature shares: the transaction, the audit log and who may act for whom.
 */
export class HealthStatusRepository {
  readonly persons: PersonsRepository;
  readonly facts: FactsRepository;
  readonly codes: CodesRepository;
  readonly designations: DesignationsRepository;
  readonly checkpoints: CheckpointsRepository;
  readonly appeals: AppealsRepository;
  readonly paperCodes: PaperCodesRepository;
  readonly dashboards: DashboardsRepository;
  readonly places: PlacesRepository;
  readonly retention: RetentionRepository;

  constructor(readonly db: Database) {
    this.persons = new PersonsRepository(db);
    this.facts = new FactsRepository(db);
    this.codes = new CodesRepository(db);
    this.designations = new DesignationsRepository(db);
    this.checkpoints = new CheckpointsRepository(db);
    this.appeals = new AppealsRepository(db);
    this.paperCodes = new PaperCodesRepository(db);
    this.dashboards = new DashboardsRepository(db);
    this.places = new PlacesRepository(db);
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
  audit(entries: AuditRecord[], ex: Executor = this.db, alongside?: SQLWrapper): Promise<void> {
    return writeAudit(ex, auditLog, entries, alongside);
  }

  /** The same audit rows as CTEs a read carries (`codes.storedCodes`): the read and its audit in one statement. */
  auditWith(entries: AuditRecord[]) {
    return auditCtes(this.db, auditLog, entries);
  }
}
