import type { IncomingHttpHeaders } from 'node:http';
import { UnauthenticatedError } from '../common/platform/errors.js';
import type { Principal } from '../common/domain/principal.js';
import type { ApiKeyAuthenticator } from './credentials.js';

/** Verifies a partner's bearer token; supplied by the interop integration. */
export interface BearerAuthenticator {
  authenticate(token: string): Promise<Principal>;
  /** Drops what it has cached of partners: one was suspended, reinstated or rotated its keys. */
  forget?(): void;
}

/** The headers that carry our credentials; a browser cannot send them cross-site without a preflight. */
export const CREDENTIAL_HEADERS = ['x-api-key', 'authorization', 'x-channel-user'] as const;

const CHANNEL_USER = /^[\w.:@-]{1,128}$/;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Turns a request's credentials into a principal, or refuses it. API keys (`x-api-key`) identify
 * channels, checkpoints, the authority, dashboards and operators; a channel also names its signed-in
 * user in `x-channel-user`. Partners present a signed JWT as `Authorization: Bearer`.
 */
export async function authenticate(
  headers: IncomingHttpHeaders,
  keys: ApiKeyAuthenticator,
  bearer?: BearerAuthenticator,
): Promise<Principal> {
  const apiKey = header(headers, 'x-api-key');
  const authorization = header(headers, 'authorization');
  if (apiKey) {
    const found = await keys.principalFor(apiKey);
    if (!found) throw new UnauthenticatedError('Unknown, expired or revoked API key', { reason: 'BAD_API_KEY' });
    if (found.kind !== 'channel') return { ...found };
    const channelUser = header(headers, 'x-channel-user');
    if (!channelUser || !CHANNEL_USER.test(channelUser)) {
      throw new UnauthenticatedError('A channel must name its signed-in user in x-channel-user (1-128 characters: letters, digits, _ . : @ -)', {
        reason: 'MISSING_CHANNEL_USER',
      });
    }
    return { ...found, channelUser };
  }
  if (authorization?.startsWith('Bearer ')) {
    if (!bearer) throw new UnauthenticatedError('Bearer tokens are not accepted here', { reason: 'BEARER_NOT_SUPPORTED' });
    return bearer.authenticate(authorization.slice('Bearer '.length).trim());
  }
  throw new UnauthenticatedError('Send an API key in x-api-key, or a partner token as Authorization: Bearer', { reason: 'NO_CREDENTIALS' });
}
