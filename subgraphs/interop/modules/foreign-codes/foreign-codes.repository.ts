import type { Database } from '../../../../common/platform/db.js';
import { foreignScans } from '../../db/tables.js';

/** Scans of other provinces' codes at our checkpoints. */
export class ForeignCodesRepository {
  constructor(private readonly db: Database) {}

  async insertForeignScan(row: typeof foreignScans.$inferInsert): Promise<void> {
    await this.db.insert(foreignScans).values(row);
  }

}
