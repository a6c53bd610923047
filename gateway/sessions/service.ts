import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ForbiddenError, UnauthenticatedError } from '../../common/platform/errors.js';
import type { Principal } from '../../common/domain/principal.js';
import type { ApiKeyAuthenticator } from '../credentials.js';
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
/**
 * A checkpoint officer's verifier session lasts a shift: the page may sit offline at a road check
 * for hours and must still sync its queued scans when the network returns (sliding as well).
 */
export const VERIFIER_SESSION_TTL_MS = 12 * 3600_000;
/** A session is pushed back at most once a minute, so a busy page does not write on every request. */
const SLIDE_STEP_MS = 60_000;

/** Why a session or ticket died with the key behind it: the key is revoked, expired or retired, or its channel suspended. */
export type CredentialEnded = 'KEY_REVOKED' | 'CHANNEL_SUSPENDED';

const ENDED_BECAUSE: Record<CredentialEnded, string> = {
  KEY_REVOKED: 'The session has ended: the key it was opened with is no longer valid. Open the page again from your app',
  CHANNEL_SUSPENDED: 'The session has ended: its channel is suspended. Open the page again from your app',
};

export interface OpenedSession {
  id: string;
  csrf: string;
  principal: Principal;
}

/** How long a session of this principal lives idle. */
const ttlOf = (principal: Principal): number => (principal.kind === 'checkpoint' ? VERIFIER_SESSION_TTL_MS : SESSION_TTL_MS);

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
 * gateway instance), and a CSRF token it must send back in a header. A session or ticket also keeps
 * the SHA-256 of the key behind it and asks the key cache about it each time: revoking the key or
 * suspending its channel ends the session wherever the cache is dropped (every gateway, via NOTIFY).
 */
export class BrowserSessions {
  private opened = 0;

  constructor(
    private readonly repo: SessionRepository,
    private readonly keys: Pick<ApiKeyAuthenticator, 'principalForHash'>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private at(offsetMs = 0): string {
    return new Date(this.clock().getTime() + offsetMs).toISOString();
  }

  /** A one-time ticket for a channel's user: valid {@link TICKET_TTL_MS}, single use. */
  async issueTicket(principal: Principal, keyHash: string): Promise<{ ticket: string; expiresAt: string }> {
    const ticket = token();
    const expiresAt = this.at(TICKET_TTL_MS);
    await this.repo.addTicket(sha256(ticket), principal, keyHash, this.at(), expiresAt);
    this.housekeeping();
    return { ticket, expiresAt };
  }

  /**
   * Redeems a ticket for a new session, or says why it cannot. A ticket whose key was revoked or whose
   * channel was suspended since it was issued is used up and opens nothing.
   */
  async redeemTicket(ticket: string): Promise<OpenedSession | TicketFailure | CredentialEnded> {
    const id = token();
    const csrf = token();
    const result = await this.repo.redeem(sha256(ticket), this.at(), { idHash: sha256(id), csrf, expiresAt: this.at(SESSION_TTL_MS) });
    if (typeof result === 'string') return result;
    const ended = await this.credentialEnded(result.keyHash);
    if (ended) {
      await this.repo.end(sha256(id), this.at());
      return ended;
    }
    return { id, csrf, principal: result.principal };
  }

  /** A session straight from a verified principal (a dashboard official or a checkpoint officer who pasted a key). */
  async open(principal: Principal, keyHash: string): Promise<OpenedSession> {
    const id = token();
    const csrf = token();
    await this.repo.openSession(principal, keyHash, this.at(), { idHash: sha256(id), csrf, expiresAt: this.at(ttlOf(principal)) });
    this.housekeeping();
    return { id, csrf, principal };
  }

  /**
   * The principal behind a session cookie. Refused with UNAUTHENTICATED when the session is unknown,
   * ended or idle too long, and with FORBIDDEN when the CSRF header does not match: a page on
   * another site can make the browser send the cookie, but cannot read the token to echo it. A session
   * whose key or channel no longer stands is ended for good (reinstating the channel does not revive
   * it: the resident opens the page again) and refused with UNAUTHENTICATED.
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
    const ended = await this.credentialEnded(row.keyHash);
    if (ended) {
      await this.repo.end(row.idHash, this.at());
      throw new UnauthenticatedError(ENDED_BECAUSE[ended], { reason: ended });
    }
    const ttl = ttlOf(row.principal);
    if (Date.parse(row.expiresAt) - now < ttl - SLIDE_STEP_MS) await this.repo.extend(row.idHash, this.at(ttl));
    return { ...row.principal, credentialId: `session:${row.idHash.slice(0, 12)}` };
  }

  /** Whether the key behind a session or ticket has ended; a cache hit on almost every request. */
  private async credentialEnded(keyHash: string | null): Promise<CredentialEnded | null> {
    // Sessions opened before keys were recorded cannot be checked: they end rather than outlive their key.
    if (!keyHash) return 'KEY_REVOKED';
    try {
      return (await this.keys.principalForHash(keyHash)) ? null : 'KEY_REVOKED';
    } catch (err) {
      if (err instanceof ForbiddenError && err.extensions.reason === 'CHANNEL_SUSPENDED') return 'CHANNEL_SUSPENDED';
      throw err;
    }
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
