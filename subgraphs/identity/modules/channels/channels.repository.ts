import { and, asc, count, desc, eq, gt, gte, isNull, or, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../../../common/platform/db.js';
import type { VerificationMethod } from '../../../../common/domain/verification.js';
import { channelApplications, channelBindings, channelKeys, channels, channelUsage, type ChannelApplicationRow, type ChannelKeyRow, type ChannelRow } from '../../db/tables.js';

export type { ChannelApplicationRow, ChannelKeyRow };
export type NewChannelApplication = typeof channelApplications.$inferInsert;

/** What the gateway needs to know of a channel key to authenticate a request with it. */
export interface ChannelKeyGrant {
  keyId: string;
  channel: string;
  status: ChannelRow['status'];
  suspendedReason: string | null;
  retiresAt: string | null;
}

/** Channel onboarding's SQL: applications, keys, suspension and usage counters. */
export class ChannelsRepository {
  constructor(private readonly db: Database) {}

  /** The channel registry, by code. */
  listChannels(): Promise<ChannelRow[]> {
    return this.db.select().from(channels).orderBy(channels.code);
  }

  async insertApplication(row: NewChannelApplication, ex: Executor = this.db): Promise<ChannelApplicationRow> {
    const [inserted] = await ex.insert(channelApplications).values(row).returning();
    return inserted!;
  }

  async lockApplication(id: string, ex: Executor): Promise<ChannelApplicationRow | undefined> {
    const [row] = await ex.select().from(channelApplications).where(eq(channelApplications.id, id)).for('update');
    return row;
  }

  async decideApplication(id: string, set: Partial<NewChannelApplication>, ex: Executor): Promise<ChannelApplicationRow> {
    const [row] = await ex.update(channelApplications).set({ ...set, decidedAt: sql`now()` }).where(eq(channelApplications.id, id)).returning();
    return row!;
  }

  applications(status: ChannelApplicationRow['status'] | null, limit: number): Promise<ChannelApplicationRow[]> {
    return this.db
      .select()
      .from(channelApplications)
      .where(status ? eq(channelApplications.status, status) : undefined)
      .orderBy(desc(channelApplications.appliedAt))
      .limit(limit);
  }

  /** Creates the channel; false when the code is taken. */
  async createChannel(row: typeof channels.$inferInsert, ex: Executor): Promise<boolean> {
    const inserted = await ex.insert(channels).values(row).onConflictDoNothing().returning({ code: channels.code });
    return inserted.length > 0;
  }

  async lockChannel(code: string, ex: Executor): Promise<ChannelRow | undefined> {
    const [row] = await ex.select().from(channels).where(eq(channels.code, code)).for('update');
    return row;
  }

  async setChannelStatus(code: string, status: ChannelRow['status'], reason: string | null, ex: Executor): Promise<ChannelRow> {
    const [row] = await ex.update(channels).set({ status, suspendedReason: reason }).where(eq(channels.code, code)).returning();
    return row!;
  }

  async insertKey(row: typeof channelKeys.$inferInsert, ex: Executor): Promise<ChannelKeyRow> {
    const [inserted] = await ex.insert(channelKeys).values(row).returning();
    return inserted!;
  }

  /** Keys still valid at `at`: no retirement time, or one still ahead. */
  activeKeys(channel: string, at: Date, ex: Executor = this.db): Promise<ChannelKeyRow[]> {
    return ex
      .select()
      .from(channelKeys)
      .where(and(eq(channelKeys.channel, channel), or(isNull(channelKeys.retiresAt), gt(channelKeys.retiresAt, at.toISOString()))))
      .orderBy(asc(channelKeys.createdAt));
  }

  async retireKey(id: string, at: string, ex: Executor): Promise<void> {
    await ex.update(channelKeys).set({ retiresAt: at }).where(eq(channelKeys.id, id));
  }

  /** One keyed read: the gateway asks this on a cache miss. */
  async grant(keyHash: string): Promise<ChannelKeyGrant | undefined> {
    const [row] = await this.db
      .select({ keyId: channelKeys.id, channel: channelKeys.channel, status: channels.status, suspendedReason: channels.suspendedReason, retiresAt: channelKeys.retiresAt })
      .from(channelKeys)
      .innerJoin(channels, eq(channels.code, channelKeys.channel))
      .where(eq(channelKeys.keyHash, keyHash));
    return row;
  }

  async status(code: string): Promise<Pick<ChannelRow, 'status' | 'suspendedReason'> | undefined> {
    const [row] = await this.db.select({ status: channels.status, suspendedReason: channels.suspendedReason }).from(channels).where(eq(channels.code, code));
    return row;
  }

  /** Adds the gateway's counts (one statement for the whole flush). */
  async addUsage(rows: { channel: string; day: string; outcome: string; count: number }[]): Promise<void> {
    if (!rows.length) return;
    await this.db
      .insert(channelUsage)
      .values(rows)
      .onConflictDoUpdate({ target: [channelUsage.channel, channelUsage.day, channelUsage.outcome], set: { count: sql`${channelUsage.count} + excluded.count` } });
  }

  usage(channel: string, fromDay: string): Promise<{ day: string; outcome: string; count: number }[]> {
    return this.db
      .select({ day: channelUsage.day, outcome: channelUsage.outcome, count: channelUsage.count })
      .from(channelUsage)
      .where(and(eq(channelUsage.channel, channel), gte(channelUsage.day, fromDay)))
      .orderBy(asc(channelUsage.day), asc(channelUsage.outcome));
  }

  /** What the person's earliest remaining binding asserted (the default bar for a further channel). */
  async firstBindingOf(personId: string, ex: Executor): Promise<VerificationMethod | null> {
    const [row] = await ex
      .select({ verification: channelBindings.verification })
      .from(channelBindings)
      .where(eq(channelBindings.personId, personId))
      .orderBy(asc(channelBindings.boundAt), asc(channelBindings.channel), asc(channelBindings.channelUser))
      .limit(1);
    return row?.verification ?? null;
  }

  /** Ends the person's bindings to the channel; answers the channel users whose binding ended. */
  async unbind(personId: string, channel: string, ex: Executor): Promise<string[]> {
    const ended = await ex
      .delete(channelBindings)
      .where(and(eq(channelBindings.personId, personId), eq(channelBindings.channel, channel)))
      .returning({ channelUser: channelBindings.channelUser });
    return ended.map((r) => r.channelUser);
  }

  /** Users bound through the channel: an index-only count over the channel's part of the bindings' key. */
  async registeredUsers(channel: string): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(channelBindings).where(eq(channelBindings.channel, channel));
    return row?.n ?? 0;
  }
}
