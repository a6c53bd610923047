import { RequestError } from '../shared/client.js';
import type { Lang } from '../shared/lang.js';
import type { H5HomeQuery } from './gql/graphql.js';
import { ERROR } from './messages.js';

/** What the page shows about each of its components' shared facts; kept apart from main.tsx so no component imports the entry. */
export type Me = NonNullable<H5HomeQuery['me']>;
export type Shown = Pick<Me, 'id' | 'maskedName' | 'displayName' | 'healthCode'> & { self: boolean };

/** Seconds from a code token's issue to its expiry, read from the token itself (server clock independent). */
export function tokenLifetime(token: string): number {
  try {
    const claims = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { iat?: number; exp?: number };
    return claims.exp && claims.iat ? claims.exp - claims.iat : 300;
  } catch {
    return 300;
  }
}

export function errorText(err: unknown, lang: Lang): string {
  const e = err instanceof RequestError ? err.errors[0] : undefined;
  const key = e?.extensions?.reason ?? e?.extensions?.code ?? 'NETWORK';
  return ERROR[key]?.[lang] ?? e?.message ?? String(err);
}
