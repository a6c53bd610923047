import { PostgresEventTransport } from '../../common/platform/events/postgres-transport.js';
import { migrateAll } from '../../scripts/stack.js';
import { HealthStatusRepository } from '../../subgraphs/health-status/db/repository.js';
import type { EvaluationDeps } from '../../subgraphs/health-status/modules/codes/evaluation.js';
import { createTestDatabase, type TestDatabase } from './db.js';

/** health-status's repository and evaluation over a migrated database of the test file's own: its rules against real tables, no HTTP. */
export async function healthStatusOnDatabase(): Promise<{ db: TestDatabase; repo: HealthStatusRepository; deps: EvaluationDeps }> {
  const db = await createTestDatabase();
  const handles = await migrateAll(db.connection);
  const repo = new HealthStatusRepository(handles['health-status'].db);
  return { db, repo, deps: { repo, events: new PostgresEventTransport(handles['health-status'].db, db.connection) } };
}
