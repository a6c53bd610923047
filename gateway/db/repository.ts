import { eq, lt, sql } from 'drizzle-orm';
import type { Database } from '../../common/db.js';
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

  async revokeKey(id: string): Promise<void> {
    await this.db.update(apiKeys).set({ revokedAt: sql`now()` }).where(eq(apiKeys.id, id));
  }
}

export const GATEWAY_MIGRATIONS = new URL('./migrations', import.meta.url).pathname;
