import { desc, inArray } from 'drizzle-orm';
import type { Database } from '../../../common/db.js';
import { riskDesignations, type RiskDesignationRow } from './tables.js';

export type { RiskDesignationRow };

/** All of health-status's SQL. */
export class HealthStatusRepository {
  constructor(readonly db: Database) {}

  designationsOf(personIds: readonly string[]): Promise<RiskDesignationRow[]> {
    if (!personIds.length) return Promise.resolve([]);
    return this.db
      .select()
      .from(riskDesignations)
      .where(inArray(riskDesignations.personId, [...personIds]))
      .orderBy(desc(riskDesignations.since));
  }
}
