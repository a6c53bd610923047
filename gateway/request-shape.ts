import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import Negotiator from 'negotiator';
import { AppError } from '../common/platform/errors.js';

const JSON_TYPE = 'application/json';
const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/** Request errors: the operation never ran, because of what the client sent. */
const REQUEST_ERRORS = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'OPERATION_LIMIT', 'OPERATION_RESOLUTION_FAILURE']);

/** Deeper JSON than any of our inputs needs (a JWKS is 3 levels); deeper is an attack on recursion. */
export const MAX_VARIABLES_DEPTH = 32;

function depthOf(value: unknown, limit: number, depth = 0): number {
  if (depth > limit || value === null || typeof value !== 'object') return depth;
  let max = depth + 1;
  for (const v of Object.values(value)) {
    max = Math.max(max, depthOf(v, limit, depth + 1));
    if (max > limit) break;
  }
  return max;
}

/** A GET sends variables and extensions as JSON strings; `MALFORMED` when one does not parse. */
const MALFORMED = Symbol('malformed');
function jsonParam(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return MALFORMED;
  }
}

/**
 * Refuses variables nested deeper than MAX_VARIABLES_DEPTH (BAD_USER_INPUT, HTTP 400) before
 * anything recursive (coercion, a JSON scalar, hashing) walks them. GET sends them as a JSON string.
 */
export function assertShallowVariables(params: { variables?: unknown } | undefined): void {
  const variables = jsonParam(params?.variables);
  if (variables === MALFORMED) return; // Apollo answers malformed JSON itself, as a 400
  if (depthOf(variables, MAX_VARIABLES_DEPTH) > MAX_VARIABLES_DEPTH) {
    throw new AppError(`variables may be nested at most ${MAX_VARIABLES_DEPTH} levels deep`, 'BAD_USER_INPUT', { reason: 'VARIABLES_TOO_DEEP', max: MAX_VARIABLES_DEPTH }, 400);
  }
}

/**
 * Apollo Server answers a persisted query of another version, or a hash that is not a string, with an
 * uncoded error that production masks as INTERNAL; it is the client's mistake: 400 BAD_REQUEST.
 */
export function assertPersistedQueryShape(params: { extensions?: unknown } | undefined): void {
  const extensions = jsonParam(params?.extensions);
  if (extensions === MALFORMED) return; // Apollo answers malformed JSON itself, as a 400
  const pq = (extensions as { persistedQuery?: unknown } | null | undefined)?.persistedQuery;
  if (pq === undefined) return;
  const { version, sha256Hash } = (pq ?? {}) as { version?: unknown; sha256Hash?: unknown };
  if (version === 1 && typeof sha256Hash === 'string') return;
  throw new GraphQLError('extensions.persistedQuery needs version 1 and a sha256Hash string', { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });
}

/**
 * What GraphQL over HTTP asks of a server, where Apollo Server and the gateway fall short:
 * - an operation the document does not contain (`operationName`), or a subscription (the graph has
 *   none), is the client's mistake: 400 with a code, never a 500 from deep in the gateway;
 * - a request error answers 400 to a client that accepts `application/graphql-response+json`, and
 *   200 to a legacy `application/json` client (the spec's watershed rule), with the same body.
 */
export function requestShapePlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (!operation) {
            throw new GraphQLError(request.operationName ? `The document has no operation named ${request.operationName}` : 'The document has several operations: name one in operationName', {
              extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } },
            });
          }
          if (operation.operation === 'subscription') {
            throw new GraphQLError('This graph has no subscriptions', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } } });
          }
        },
        async willSendResponse({ request, response }) {
          if (response.body.kind !== 'single' || response.http.status !== 400) return;
          const result = response.body.singleResult;
          if ('data' in result || !result.errors?.every((e) => REQUEST_ERRORS.has(String(e.extensions?.code)))) return;
          const accept = request.http?.headers.get('accept');
          const preferred = accept ? new Negotiator({ headers: { accept } }).mediaType([JSON_TYPE, GRAPHQL_RESPONSE]) : JSON_TYPE;
          if (preferred === JSON_TYPE) response.http.status = 200;
        },
      };
    },
  };
}
