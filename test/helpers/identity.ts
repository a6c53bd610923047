import { migrateAll } from '../../scripts/stack.js';
import { IdentityRepository } from '../../subgraphs/identity/db/repository.js';
import { createTestDatabase, type TestDatabase } from './db.js';

/** identity's repository over a migrated database of the test file's own: its SQL against real tables, no HTTP. */
export async function identityOnDatabase(): Promise<{ db: TestDatabase; repo: IdentityRepository }> {
  const db = await createTestDatabase();
  const handles = await migrateAll(db.connection);
  return { db, repo: new IdentityRepository(handles.identity.db) };
}
