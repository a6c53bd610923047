import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ForbiddenError, UnauthenticatedError } from '../../common/errors.js';
import type { Principal } from '../../common/principal.js';
import type { SessionRepository, TicketFailure } from './repository.js';

/** The HttpOnly cookie holding the session id. */
export const SESSION_COOKIE = 'hcg_session';
/** A script-readable cookie with the CSRF token, which the page echoes in {@link CSRF_HEADER}. */
export const CSRF_COOKIE = 'hcg_csrf';
export const CSRF_HEADER = 'x-hcg-csrf';

/** A launch URL is opened by the channel's app right away; a minute covers a slow phone. */
export const TICKET_TTL_MS = 60_000;
/** Idle time after which a session ends; every request pushes it back (sliding expiry). */
export const SESSION_TTL_MS = 15 * 60_000;
/** A session is pushed back at most once a minute, so a busy page does not write on every request. */
const SLIDE_STEP_MS = 60_000;

export interface OpenedSession {
  id: string;
  csrf: string;
  principal: Principal;
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const token = (): string => randomBytes(32).toString('base64url');

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Browser sessions for the H5 code page and the dashboard page (SPEC §1): a browser never holds an
 * API key. A channel's backend exchanges its key for a one-time ticket; a dashboard official pastes
 * a key once. Either way the browser ends up with an HttpOnly session cookie standing for that
 * principal, checked against the database on every request (so logout and expiry hold on every
 * gateway instance), and a CSRF token it must send back in a header.
 */
export class BrowserSessions {
  private opened = 0;

  constructor(
    private readonly repo: SessionRepository,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private at(offsetMs = 0): string {
    return new Date(this.clock().getTime() + offsetMs).toISOString();
  }

  /** A one-time ticket for a channel's user: valid {@link TICKET_TTL_MS}, single use. */
  async issueTicket(principal: Principal): Promise<{ ticket: string; expiresAt: string }> {
    const ticket = token();
    const expiresAt = this.at(TICKET_TTL_MS);
    await this.repo.addTicket(sha256(ticket), principal, this.at(), expiresAt);
    this.housekeeping();
    return { ticket, expiresAt };
  }

  /** Redeems a ticket for a new session, or says why it cannot. */
  async redeemTicket(ticket: string): Promise<OpenedSession | TicketFailure> {
    const id = token();
    const csrf = token();
    const result = await this.repo.redeem(sha256(ticket), this.at(), { idHash: sha256(id), csrf, expiresAt: this.at(SESSION_TTL_MS) });
    return typeof result === 'string' ? result : { id, csrf, principal: result };
  }

  /** A session straight from a verified principal (a dashboard official who pasted a key). */
  async open(principal: Principal): Promise<OpenedSession> {
    const id = token();
    const csrf = token();
    await this.repo.openSession(principal, this.at(), { idHash: sha256(id), csrf, expiresAt: this.at(SESSION_TTL_MS) });
    this.housekeeping();
    return { id, csrf, principal };
  }

  /**
   * The principal behind a session cookie. Refused with UNAUTHENTICATED when the session is unknown,
   * ended or idle too long, and with FORBIDDEN when the CSRF header does not match: a page on
   * another site can make the browser send the cookie, but cannot read the token to echo it.
   */
  async principalFor(id: string, csrf: string | undefined): Promise<Principal> {
    const row = await this.repo.session(sha256(id));
    const now = this.clock().getTime();
    if (!row || row.endedAt || Date.parse(row.expiresAt) <= now) {
      throw new UnauthenticatedError('The session has ended: open the page again from your app', { reason: 'SESSION_EXPIRED' });
    }
    if (!csrf || !sameToken(csrf, row.csrf)) {
      throw new ForbiddenError(`Requests with a session cookie must echo the CSRF token in ${CSRF_HEADER}`, { reason: 'CSRF_TOKEN_MISMATCH' });
    }
    if (Date.parse(row.expiresAt) - now < SESSION_TTL_MS - SLIDE_STEP_MS) await this.repo.extend(row.idHash, this.at(SESSION_TTL_MS));
    return { ...row.principal, credentialId: `session:${row.idHash.slice(0, 12)}` };
  }

  /** Now and then, drops what can no longer be used (a day old, so support can still look at yesterday). */
  private housekeeping(): void {
    if (++this.opened % 500 === 0) void this.repo.forgetExpired(this.at(-24 * 3600_000)).catch(() => undefined);
  }

  /** Ends a session server-side: its cookie is worthless from now on, on every gateway instance. */
  async end(id: string): Promise<void> {
    await this.repo.end(sha256(id), this.at());
  }
}
