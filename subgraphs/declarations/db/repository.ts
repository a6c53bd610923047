import { and, desc, eq, isNull, lt } from 'drizzle-orm';
import type { Database } from '../../../common/db.js';
import { declarationVersions, type DeclarationRow } from './tables.js';

export type { DeclarationRow };

/** All of declarations' SQL. */
export class DeclarationsRepository {
  constructor(readonly db: Database) {}

  /** Current versions, newest day first, for one person; `before` is the last day already seen. */
  currentOf(personId: string, limit: number, before?: string): Promise<DeclarationRow[]> {
    return this.db
      .select()
      .from(declarationVersions)
      .where(
        and(
          eq(declarationVersions.personId, personId),
          isNull(declarationVersions.supersededAt),
          before ? lt(declarationVersions.localDate, before) : undefined,
        ),
      )
      .orderBy(desc(declarationVersions.localDate))
      .limit(limit);
  }
}
