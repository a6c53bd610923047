import { eq, lt, sql } from 'drizzle-orm';
import { CREDENTIALS_CHANNEL } from '../../common/platform/api-keys.js';
import type { Database } from '../../common/platform/db.js';
import { apiKeys, partnerJtis, type ApiKeyRow } from './tables.js';

export type { ApiKeyRow };
export type NewApiKey = typeof apiKeys.$inferInsert;

export class GatewayRepository {
  constructor(readonly db: Database) {}

  async keyByHash(keyHash: string): Promise<ApiKeyRow | undefined> {
    const [row] = await this.db.select().from(apiKeys).where(eq(apiKeys.keyHash, keyHash));
    return row;
  }

  async upsertKey(row: NewApiKey): Promise<void> {
    await this.db
      .insert(apiKeys)
      .values(row)
      .onConflictDoUpdate({
        target: apiKeys.id,
        set: { keyHash: sql`excluded.key_hash`, principalKind: sql`excluded.principal_kind`, subject: sql`excluded.subject`, scopes: sql`excluded.scopes`, label: sql`excluded.label`, revokedAt: null },
      });
  }

  /** Records a partner token id; false when it was seen before (a replay). */
  async claimJti(partnerCode: string, jti: string, expiresAt: Date): Promise<boolean> {
    const inserted = await this.db
      .insert(partnerJtis)
      .values({ partnerCode, jti, expiresAt: expiresAt.toISOString() })
      .onConflictDoNothing()
      .returning({ jti: partnerJtis.jti });
    return inserted.length > 0;
  }

  async forgetExpiredJtis(before: Date): Promise<void> {
    await this.db.delete(partnerJtis).where(lt(partnerJtis.expiresAt, before.toISOString()));
  }

  /**
   * Revokes a key and, in the same transaction, signals every gateway to drop its cached keys: the
   * key, and every browser session or launch ticket it opened, stop working as soon as this commits.
   */
  async revokeKey(id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.update(apiKeys).set({ revokedAt: sql`now()` }).where(eq(apiKeys.id, id));
      await tx.execute(sql`select pg_notify(${CREDENTIALS_CHANNEL}, ${`key:${id}`})`);
    });
  }
}

export const GATEWAY_MIGRATIONS = new URL('./migrations', import.meta.url).pathname;
