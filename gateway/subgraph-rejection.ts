import type { GraphQLFormattedError } from 'graphql';
import { RETRY_AFTER_SECONDS } from '../common/platform/errors.js';

/** What a subgraph refuses with HTTP 400 because of what the client wrote (e.g. a bad scalar literal). */
const PASSED_ON = new Set(['GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

interface SubgraphResponse {
  status?: unknown;
  body?: { errors?: { message?: unknown; extensions?: { code?: unknown } }[] };
}

/**
 * The supergraph treats custom scalars as opaque, so an invalid literal such as
 * `from: "2026-02-30T00:00:00+08:00"` passes the gateway's validation and is refused by the owning
 * subgraph with HTTP 400. The gateway wraps that as "400: Bad Request" with no code, which production
 * masks as INTERNAL. Pass the subgraph's own refusal on instead: its message and code only, never the
 * subgraph's URL or raw body. Other statuses (a 401 means the gateway itself failed) stay internal.
 */
export function subgraphRejection(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const response = formatted.extensions?.response as SubgraphResponse | undefined;
  const first = response?.body?.errors?.[0];
  const code = first?.extensions?.code;
  // A subgraph that lost its database before it could run the operation: retryable, as it said.
  if (response?.status === 503 && code === 'SERVICE_UNAVAILABLE') {
    return { message: 'Service temporarily unavailable; retry shortly', ...(formatted.path ? { path: formatted.path } : {}), extensions: { code, retryAfter: RETRY_AFTER_SECONDS } };
  }
  if (response?.status !== 400) return formatted;
  if (typeof first?.message !== 'string' || typeof code !== 'string' || !PASSED_ON.has(code)) return formatted;
  return { message: first.message, ...(formatted.path ? { path: formatted.path } : {}), extensions: { code } };
}
