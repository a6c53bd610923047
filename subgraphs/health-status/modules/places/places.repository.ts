import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { rows, type Database, type Executor } from '../../../../common/platform/db.js';
import { placeVisitCounters, places, placeVisits, placeWindows, riskDesignations, type PlaceRow, type PlaceVisitRow, type PlaceWindowRow } from '../../db/tables.js';

export type NewPlace = typeof places.$inferInsert;
export type NewPlaceVisit = typeof placeVisits.$inferInsert;
export type NewPlaceWindow = typeof placeWindows.$inferInsert;


/** Places, the check-ins at them, the designated windows and the hourly counters. */
export class PlacesRepository {
  constructor(private readonly db: Database) {}

  async insertPlace(row: NewPlace): Promise<PlaceRow> {
    const [inserted] = await this.db.insert(places).values(row).returning();
    return inserted!;
  }

  placesByIds(ids: readonly string[]): Promise<PlaceRow[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.db.select().from(places).where(inArray(places.id, [...ids]));
  }

  /** The check-in's insert; the counter trigger (migration 0017) counts it in the same statement. */
  async insertVisit(row: NewPlaceVisit): Promise<PlaceVisitRow> {
    const [inserted] = await this.db.insert(placeVisits).values(row).returning();
    return inserted!;
  }

  /** Visits at a place in [from, to), oldest first, after a keyset cursor. */
  visitsAt(placeId: string, from: string, to: string, limit: number, after?: [string, string]): Promise<PlaceVisitRow[]> {
    return this.db
      .select()
      .from(placeVisits)
      .where(and(eq(placeVisits.placeId, placeId), gte(placeVisits.at, from), lt(placeVisits.at, to), after ? sql`(${placeVisits.at}, ${placeVisits.id}) > (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined))
      .orderBy(asc(placeVisits.at), asc(placeVisits.id))
      .limit(limit);
  }

  /** One person's visits in [from, to), newest first. */
  visitsOf(personId: string, from: string, to: string, limit: number): Promise<PlaceVisitRow[]> {
    return this.db
      .select()
      .from(placeVisits)
      .where(and(eq(placeVisits.personId, personId), gte(placeVisits.at, from), lt(placeVisits.at, to)))
      .orderBy(desc(placeVisits.at), desc(placeVisits.id))
      .limit(limit);
  }

  /** Deletes up to `limit` visits older than `before`; answers how many (the purge loops until 0). */
  async deleteVisitsBefore(before: string, limit: number): Promise<number> {
    const deleted = await rows<{ id: string }>(
      this.db,
      sql`delete from ${placeVisits} where ${placeVisits.id} in (select id from ${placeVisits} where ${placeVisits.at} < ${before}::timestamptz limit ${limit}) returning ${placeVisits.id}`,
    );
    return deleted.length;
  }

  /** The window's row: inserted, or the one already there for the same place and window (then `created` is false). */
  async claimWindow(row: NewPlaceWindow, ex: Executor): Promise<{ window: PlaceWindowRow; created: boolean }> {
    const [inserted] = await ex.insert(placeWindows).values(row).onConflictDoNothing().returning();
    if (inserted) return { window: inserted, created: true };
    const [existing] = await ex
      .select()
      .from(placeWindows)
      .where(and(eq(placeWindows.placeId, row.placeId), eq(placeWindows.from, row.from), eq(placeWindows.to, row.to)));
    return { window: existing!, created: false };
  }

  async setWindowDesignated(id: string, designated: number, ex: Executor): Promise<PlaceWindowRow> {
    const [row] = await ex.update(placeWindows).set({ designated }).where(eq(placeWindows.id, id)).returning();
    return row!;
  }

  /**
   * One set-based statement: a KEY_AREA designation for every distinct person who checked in at the
   * place in [from, to) and has none from this place since `from` yet (so it is idempotent, whatever
   * overlaps). Answers the designations made.
   */
  designateVisitors(
    w: { placeId: string; from: string; to: string; source: string; note: string; createdBy: string; basisKind: string; basisReference: string; organisation: string },
    ex: Executor,
  ): Promise<{ id: string; personId: string }[]> {
    const d = riskDesignations;
    return rows<{ id: string; personId: string }>(
      ex,
      sql`insert into ${d} (id, person_id, kind, since, source, note, created_by, basis_kind, basis_reference, organisation)
          select gen_random_uuid(), v.person_id, 'KEY_AREA', ${w.from}::timestamptz, ${w.source}, ${w.note}, ${w.createdBy}, ${w.basisKind}, ${w.basisReference}, ${w.organisation}
          from (select distinct person_id from ${placeVisits}
                where place_id = ${w.placeId}::uuid and at >= ${w.from}::timestamptz and at < ${w.to}::timestamptz) v
          where not exists (select 1 from ${d} x where x.person_id = v.person_id and x.source = ${w.source} and x.since = ${w.from}::timestamptz)
          returning id, person_id as "personId"`,
    );
  }

  /** Check-ins per place and hour for the hours starting in [from, to), busiest first, from the counters. */
  checkInsPerHour(from: string, to: string): Promise<{ placeId: string; hour: string; n: number }[]> {
    const c = placeVisitCounters;
    return rows<{ placeId: string; hour: string; n: number }>(
      this.db,
      sql`select ${c.placeId} as "placeId", to_char(${c.hour} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"') as hour, sum(${c.n})::int as n from ${c}
          where ${c.hour} >= ${from}::timestamptz and ${c.hour} < ${to}::timestamptz
          group by ${c.placeId}, ${c.hour} order by 3 desc, ${c.hour}, 1 limit 1000`,
    );
  }
}
