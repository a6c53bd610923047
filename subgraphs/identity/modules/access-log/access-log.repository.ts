import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../../../common/platform/db.js';
import type { EventHandlers } from '../../../../common/platform/events/typed.js';
import { accessLog, type AccessLogRow } from '../../db/tables.js';

/** The access log: every subgraph's reads of a person by someone else, as that person sees them. */
export class AccessLogRepository {
  constructor(private readonly db: Database) {}

  /** A person's access log, newest first, after a (at, stream, event id) cursor; one keyed range read. */
  of(personId: string, limit: number, after?: readonly [string, string, string]): Promise<AccessLogRow[]> {
    const before = after ? sql`(${accessLog.at}, ${accessLog.stream}, ${accessLog.eventId}) < (${after[0]}::timestamptz, ${after[1]}, ${after[2]}::bigint)` : undefined;
    return this.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.personId, personId), before))
      .orderBy(desc(accessLog.at), desc(accessLog.stream), desc(accessLog.eventId))
      .limit(limit);
  }


  /** Every subgraph's access events into the access log, once each whatever the deliveries. */
  readonly events: Required<Pick<EventHandlers, 'PersonDataAccessed'>> = {
    PersonDataAccessed: async (tx, p, event) => {
      await tx
        .insert(accessLog)
        .values({
          stream: event.stream,
          eventId: event.id,
          personId: p.personId,
          at: event.occurredAt,
          principalKind: p.principalKind,
          principalSubject: p.principalSubject,
          action: p.action,
          operation: p.operation,
          ticket: p.ticket,
          organisation: p.organisation,
          what: p.what,
        })
        .onConflictDoNothing();
    },
  };

}
