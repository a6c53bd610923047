import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '../../common/platform/db.js';
import type { Principal } from '../../common/domain/principal.js';
import { browserSessions, browserTickets, type BrowserSessionRow } from './tables.js';

export type { BrowserSessionRow };

export interface NewSession {
  idHash: string;
  csrf: string;
  expiresAt: string;
}

/** A redeemed ticket: who it was for, and the key that asked for it (null on tickets older than that column). */
export interface Redeemed {
  principal: Principal;
  keyHash: string | null;
}

/** Why a ticket did not open a session. */
export type TicketFailure = 'UNKNOWN_TICKET' | 'TICKET_USED' | 'TICKET_EXPIRED';

/** All SQL of the browser sessions. */
export class SessionRepository {
  constructor(private readonly db: Database) {}

  async addTicket(ticketHash: string, principal: Principal, keyHash: string, now: string, expiresAt: string): Promise<void> {
    await this.db.insert(browserTickets).values({ ticketHash, principal, keyHash, createdAt: now, expiresAt });
  }

  /**
   * Uses a ticket and opens its session in one transaction: the conditional UPDATE makes a second
   * redemption (even a concurrent one) find nothing, so a ticket opens at most one session.
   */
  async redeem(ticketHash: string, now: string, session: NewSession): Promise<Redeemed | TicketFailure> {
    return this.db.transaction(async (tx) => {
      const [used] = await tx
        .update(browserTickets)
        .set({ usedAt: now })
        .where(and(eq(browserTickets.ticketHash, ticketHash), isNull(browserTickets.usedAt), gt(browserTickets.expiresAt, now)))
        .returning({ principal: browserTickets.principal, keyHash: browserTickets.keyHash });
      if (!used) {
        const [seen] = await tx.select({ usedAt: browserTickets.usedAt }).from(browserTickets).where(eq(browserTickets.ticketHash, ticketHash));
        return !seen ? 'UNKNOWN_TICKET' : seen.usedAt ? 'TICKET_USED' : 'TICKET_EXPIRED';
      }
      await tx.insert(browserSessions).values({ ...session, principal: used.principal, keyHash: used.keyHash, createdAt: now });
      return used;
    });
  }

  async openSession(principal: Principal, keyHash: string, now: string, session: NewSession): Promise<void> {
    await this.db.insert(browserSessions).values({ ...session, principal, keyHash, createdAt: now });
  }

  async session(idHash: string): Promise<BrowserSessionRow | undefined> {
    const [row] = await this.db.select().from(browserSessions).where(eq(browserSessions.idHash, idHash));
    return row;
  }

  async extend(idHash: string, expiresAt: string): Promise<void> {
    await this.db.update(browserSessions).set({ expiresAt }).where(and(eq(browserSessions.idHash, idHash), isNull(browserSessions.endedAt)));
  }

  async end(idHash: string, now: string): Promise<void> {
    await this.db.update(browserSessions).set({ endedAt: now }).where(and(eq(browserSessions.idHash, idHash), isNull(browserSessions.endedAt)));
  }

  /** Drops tickets and sessions past their expiry (housekeeping; neither can be used any more). */
  async forgetExpired(before: string): Promise<void> {
    await this.db.delete(browserTickets).where(lt(browserTickets.expiresAt, before));
    await this.db.delete(browserSessions).where(or(lt(browserSessions.expiresAt, before), lt(browserSessions.endedAt, before)));
  }
}
