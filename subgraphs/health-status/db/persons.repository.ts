import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../../common/platform/db.js';
import type { PersonRegistered } from '../../../common/platform/events/contracts.js';
import { persons, type PersonRow } from './tables.js';

/** The person registry health-status keeps from identity's events: document index, region and code id. */
export class PersonsRepository {
  constructor(private readonly db: Database) {}

  /** The person registry from identity's PersonRegistered: document index, region, and a fresh code id. */
  async registerPerson(tx: Executor, p: PersonRegistered): Promise<void> {
    await tx
      .insert(persons)
      .values({ personId: p.personId, documentType: p.documentType, documentIndex: p.documentIndex, region: p.region, birthDate: p.birthDate, codeId: randomUUID() })
      .onConflictDoNothing();
  }

  personsByIds(personIds: readonly string[], ex: Executor = this.db): Promise<PersonRow[]> {
    if (!personIds.length) return Promise.resolve([]);
    return ex.select().from(persons).where(inArray(persons.personId, [...personIds]));
  }

  /** Persons by document blind index, in chunks the planner handles well. */
  async personsByDocuments(docs: readonly { documentType: string; documentIndex: string }[]): Promise<PersonRow[]> {
    const found: PersonRow[] = [];
    for (let i = 0; i < docs.length; i += 1000) {
      const chunk = docs.slice(i, i + 1000);
      const pairs = sql.join(chunk.map((d) => sql`(${d.documentType}, ${d.documentIndex})`), sql`, `);
      found.push(...(await this.db.select().from(persons).where(sql`(${persons.documentType}, ${persons.documentIndex}) in (${pairs})`)));
    }
    return found;
  }

  async personByDocument(documentType: string, documentIndex: string, ex: Executor = this.db): Promise<PersonRow | undefined> {
    const [row] = await ex.select().from(persons).where(and(eq(persons.documentType, documentType), eq(persons.documentIndex, documentIndex)));
    return row;
  }
}
