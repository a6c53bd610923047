import type { AuditRecord } from '../../../common/platform/audit.js';
import type { Database, Executor } from '../../../common/platform/db.js';
import { writeAudit } from '../../../common/platform/db/audit.js';
import { AccessLogRepository } from '../modules/access-log/access-log.repository.js';
import { BindingsRepository } from '../modules/channels/bindings.repository.js';
import { ChannelsRepository } from '../modules/channels/channels.repository.js';
import { EmployersRepository } from '../modules/employers/employers.repository.js';
import { GuardianshipRequestsRepository } from '../modules/household/guardianship-requests.repository.js';
import { HouseholdRepository } from '../modules/household/household.repository.js';
import { LegacyRepository } from '../modules/legacy/legacy.repository.js';
import { LookupsRepository } from '../modules/lookups/lookups.repository.js';
import { PersonsRepository } from '../modules/persons/persons.repository.js';
import { RetentionRepository } from '../modules/retention/retention.repository.js';
import { auditLog } from './tables.js';

// The row types stay importable from here: graphql-codegen's mappers (codegen.ts) name this file.
export type { AccessLogRow, ChannelRow, EmployerMembershipRow, EmployerRow, GuardianshipRequestRow, GuardianshipRow, HouseholdRelation, PersonRow } from './tables.js';
export type { BindingRow } from '../modules/channels/bindings.repository.js';
export type { Household } from '../modules/household/household.repository.js';
export type { NewPerson } from '../modules/persons/persons.repository.js';
export type AuditEntry = typeof auditLog.$inferInsert;

/**
 * identity's data access, one repository per aggregate (health-status's shape): each lives in its
 * feature's module folder. This holds them with what every feature shares: the transaction and the
 * audit log. Methods take an optional executor so a service can run several in one transaction.
 */
export class IdentityRepository {
  readonly persons: PersonsRepository;
  readonly bindings: BindingsRepository;
  /** Active and ended guardianships, and the household read (modules/household). */
  readonly household: HouseholdRepository;
  readonly guardianshipRequests: GuardianshipRequestsRepository;
  /** Channel onboarding: the registry, applications, keys, suspension, usage (modules/channels). */
  readonly channels: ChannelsRepository;
  readonly employers: EmployersRepository;
  /** Document look-up counts (modules/lookups). */
  readonly lookups: LookupsRepository;
  readonly accessLog: AccessLogRepository;
  /** The legacy import's bulk reads and writes (modules/legacy). */
  readonly legacy: LegacyRepository;
  readonly retention: RetentionRepository;

  constructor(readonly db: Database) {
    this.persons = new PersonsRepository(db);
    this.bindings = new BindingsRepository(db);
    this.household = new HouseholdRepository(db);
    this.guardianshipRequests = new GuardianshipRequestsRepository(db);
    this.channels = new ChannelsRepository(db);
    this.employers = new EmployersRepository(db);
    this.lookups = new LookupsRepository(db);
    this.accessLog = new AccessLogRepository(db);
    this.legacy = new LegacyRepository(db);
    this.retention = new RetentionRepository(db);
  }

  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  /** Audit rows, with the access-log events of the rows about a person read by someone else. */
  audit(entries: AuditRecord[], ex: Executor = this.db): Promise<void> {
    return writeAudit(ex, auditLog, entries);
  }
}
