import { and, eq, inArray } from 'drizzle-orm';
import type { Database, Executor } from '../../../../common/platform/db.js';
import type { VerificationMethod } from '../../../../common/domain/verification.js';
import { channelBindings } from '../../db/tables.js';

export interface BindingRow {
  personId: string;
  channel: string;
  channelUser: string;
  boundAt: string;
  verification: VerificationMethod;
}

/** Channel bindings: which channel user answers for which person ("one person, one code"). */
export class BindingsRepository {
  constructor(private readonly db: Database) {}

  async bindingOf(channel: string, channelUser: string, ex: Executor = this.db): Promise<BindingRow | undefined> {
    const [row] = await ex
      .select()
      .from(channelBindings)
      .where(and(eq(channelBindings.channel, channel), eq(channelBindings.channelUser, channelUser)));
    return row;
  }

  /** Binds unless this channel user is bound already; answers the binding that holds afterwards. */
  async bind(channel: string, channelUser: string, personId: string, verification: VerificationMethod, ex: Executor): Promise<BindingRow> {
    const [inserted] = await ex.insert(channelBindings).values({ channel, channelUser, personId, verification }).onConflictDoNothing().returning();
    if (inserted) return inserted;
    const existing = await this.bindingOf(channel, channelUser, ex);
    if (!existing) throw new Error('binding vanished during registration');
    return existing;
  }

  /** Whether the person is bound to any channel user: they answer for themself. */
  async hasBinding(personId: string, ex: Executor = this.db): Promise<boolean> {
    const [row] = await ex.select({ personId: channelBindings.personId }).from(channelBindings).where(eq(channelBindings.personId, personId)).limit(1);
    return !!row;
  }


  bindingsOfPersons(personIds: readonly string[]): Promise<BindingRow[]> {
    if (!personIds.length) return Promise.resolve([]);
    return this.db.select().from(channelBindings).where(inArray(channelBindings.personId, [...personIds])).orderBy(channelBindings.boundAt);
  }

}
