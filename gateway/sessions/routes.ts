import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hashApiKey } from '../../common/platform/api-keys.js';
import { AppError, ForbiddenError, RateLimitedError, UnauthenticatedError } from '../../common/platform/errors.js';
import type { Principal } from '../../common/domain/principal.js';
import { authenticate } from '../authenticate.js';
import type { ApiKeyAuthenticator } from '../credentials.js';
import type { ChannelUsageCounter } from '../channel-usage.js';
import type { AddressGuard } from '../rate-limit.js';
import { errorPage, type LaunchFailure } from './error-page.js';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, type BrowserSessions, type OpenedSession } from './service.js';
import { toLocalDateTime } from '../../common/platform/scalars.js';

export interface SessionRouteOptions {
  sessions: BrowserSessions;
  apiKeys: ApiKeyAuthenticator;
  /** Outside development the cookies are `Secure` (HTTPS only). */
  secureCookies: boolean;
  /**
   * Failed attempts per client address, the same budget as /graphql's: a key pasted into the dashboard
   * login or a launch ticket is as guessable here as there. Absent when rate limits are off.
   */
  addresses?: AddressGuard;
  /** Counts a channel's `POST /h5/sessions` in its usage (`channelUsage`), refused or not. */
  usage?: ChannelUsageCounter;
  /** What the verifier page needs to verify offline: the tokens' issuer and how old its cached keys may be. */
  verifier: { issuer: string; maxCacheAgeHours: number };
}

/** Principals an official may open the dashboard page as. */
const DASHBOARD_KINDS: readonly Principal['kind'][] = ['dashboard', 'authority'];

/** A link that is wrong is the resident's 400; one whose channel or key has since ended is refused (403). */
const LAUNCH_STATUS: Record<Exclude<LaunchFailure, 'TOO_MANY_FAILURES'>, number> = {
  UNKNOWN_TICKET: 400,
  TICKET_USED: 400,
  TICKET_EXPIRED: 400,
  KEY_REVOKED: 403,
  CHANNEL_SUSPENDED: 403,
};

/** The error body GraphQL clients already understand, for the few JSON routes beside /graphql. */
function sendError(reply: FastifyReply, err: unknown): FastifyReply {
  if (!(err instanceof AppError)) throw err;
  // A refusal's Retry-After travels with the error, as Apollo Server would send it on /graphql.
  return reply
    .code(err.http?.status ?? 400)
    .headers(err.httpHeaders)
    .send({ errors: [err.formatted()] });
}

/**
 * The browser session routes (see docs/pages.md):
 * - `POST /h5/sessions`: a channel's backend (API key + `x-channel-user`) gets a one-time launch URL;
 * - `GET /h5/launch?ticket=`: the resident's browser exchanges it for a session cookie, then `/h5/`;
 * - `POST /dashboard/session` `{ key }`: an official's dashboard or authority key becomes a session;
 * - `POST /verifier/session` `{ key }`: a checkpoint's key becomes a checkpoint officer's session;
 * - `GET /sessions/current`, `POST /sessions/logout`: what the session is, and ending it.
 */
export function registerSessionRoutes(app: FastifyInstance, opts: SessionRouteOptions): void {
  const { sessions, apiKeys, addresses } = opts;
  /** Refuses an address over its failure budget; counts the attempt when `attempt` fails to authenticate. */
  const guarded = async <T>(req: FastifyRequest, attempt: () => Promise<T>): Promise<T> => {
    await addresses?.assertAllowed(req.ip);
    try {
      return await attempt();
    } catch (err) {
      if (err instanceof UnauthenticatedError) await addresses?.failed(req.ip);
      throw err;
    }
  };
  const cookieBase = { path: '/', sameSite: 'strict' as const, secure: opts.secureCookies };

  const setCookies = (reply: FastifyReply, s: OpenedSession): void => {
    reply.setCookie(SESSION_COOKIE, s.id, { ...cookieBase, httpOnly: true });
    reply.setCookie(CSRF_COOKIE, s.csrf, { ...cookieBase, httpOnly: false });
  };
  const clearCookies = (reply: FastifyReply): void => {
    reply.clearCookie(SESSION_COOKIE, { ...cookieBase, httpOnly: true });
    reply.clearCookie(CSRF_COOKIE, { ...cookieBase, httpOnly: false });
  };

  /** A pasted key of one of `kinds` becomes a session; the page forgets the key at once. */
  const signIn = async (req: FastifyRequest<{ Body: { key?: unknown } }>, reply: FastifyReply, kinds: readonly Principal['kind'][], refusal: ForbiddenError) => {
    const key = typeof req.body?.key === 'string' ? req.body.key.trim() : '';
    const found = await guarded(req, async () => {
      const principal = key ? await apiKeys.principalFor(key) : null;
      if (!principal) throw new UnauthenticatedError('Unknown, expired or revoked key', { reason: 'BAD_API_KEY' });
      return principal;
    });
    if (!kinds.includes(found.kind)) throw refusal;
    setCookies(reply, await sessions.open({ ...found, credentialId: undefined }, hashApiKey(key)));
    return found;
  };

  app.post('/h5/sessions', async (req, reply) => {
    let principal: Principal | undefined;
    try {
      principal = await guarded(req, () => authenticate(req.headers, apiKeys));
      if (principal.kind !== 'channel') throw new ForbiddenError('Only a channel opens the H5 code page for its user', { reason: 'CHANNEL_ONLY' });
      // A channel principal comes from x-api-key alone (its first value, as authenticate reads it):
      // the ticket, and its session, follow that key.
      const key = [req.headers['x-api-key']].flat()[0] ?? '';
      const { ticket, expiresAt } = await sessions.issueTicket({ ...principal, credentialId: undefined }, hashApiKey(key));
      const launchPath = `/h5/launch?ticket=${encodeURIComponent(ticket)}`;
      reply.header('cache-control', 'no-store');
      opts.usage?.record(principal);
      // In the province's time (+08:00), as every instant the API answers.
      return { launchUrl: `${req.protocol}://${req.host}${launchPath}`, launchPath, expiresAt: toLocalDateTime(expiresAt) };
    } catch (err) {
      if (principal) opts.usage?.record(principal, err);
      return sendError(reply, err);
    }
  });

  app.get<{ Querystring: { ticket?: string } }>('/h5/launch', async (req, reply) => {
    // The ticket is in the URL: keep it out of Referer headers and caches.
    reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
    const ticket = req.query.ticket;
    try {
      await addresses?.assertAllowed(req.ip);
    } catch (err) {
      if (!(err instanceof RateLimitedError)) throw err;
      return reply.code(429).header('retry-after', String(err.extensions.retryAfterSeconds)).type('text/html; charset=utf-8').send(errorPage('TOO_MANY_FAILURES'));
    }
    const result = typeof ticket === 'string' && /^[\w-]{20,100}$/.test(ticket) ? await sessions.redeemTicket(ticket) : 'UNKNOWN_TICKET';
    // A used or expired link is a resident's slip; only a ticket that never existed is a guess.
    if (result === 'UNKNOWN_TICKET') await addresses?.failed(req.ip);
    if (typeof result === 'string') return reply.code(LAUNCH_STATUS[result]).type('text/html; charset=utf-8').send(errorPage(result));
    setCookies(reply, result);
    return reply.redirect('/h5/', 303);
  });

  app.post<{ Body: { key?: unknown } }>('/dashboard/session', async (req, reply) => {
    try {
      const found = await signIn(req, reply, DASHBOARD_KINDS, new ForbiddenError('Only a dashboard or authority key opens the dashboard', { reason: 'DASHBOARD_ONLY' }));
      return { kind: found.kind };
    } catch (err) {
      return sendError(reply, err);
    }
  });

  app.post<{ Body: { key?: unknown } }>('/verifier/session', async (req, reply) => {
    try {
      await signIn(req, reply, ['checkpoint'], new ForbiddenError("Only a checkpoint's key opens the verifier", { reason: 'CHECKPOINT_ONLY' }));
      reply.header('cache-control', 'no-store');
      return { kind: 'checkpoint', issuer: opts.verifier.issuer, maxCacheAgeHours: opts.verifier.maxCacheAgeHours };
    } catch (err) {
      return sendError(reply, err);
    }
  });

  const fromCookie = (req: FastifyRequest): Promise<Principal> => {
    const id = req.cookies[SESSION_COOKIE];
    if (!id) return Promise.reject(new UnauthenticatedError('No session', { reason: 'NO_SESSION' }));
    return sessions.principalFor(id, req.headers[CSRF_HEADER] as string | undefined);
  };

  app.get('/sessions/current', async (req, reply) => {
    try {
      const p = await fromCookie(req);
      reply.header('cache-control', 'no-store');
      return { kind: p.kind };
    } catch (err) {
      return sendError(reply, err);
    }
  });

  app.post('/sessions/logout', async (req, reply) => {
    try {
      await fromCookie(req);
      await sessions.end(req.cookies[SESSION_COOKIE]!);
      clearCookies(reply);
      return { ended: true };
    } catch (err) {
      return sendError(reply, err);
    }
  });
}
