import { HeaderMap } from '@apollo/server';
import { GraphQLError, type GraphQLErrorOptions, type GraphQLFormattedError } from 'graphql';

/**
 * Every error we raise carries `extensions.code`, so partners can branch on a stable value
 * instead of parsing messages. An error that refuses a whole request also carries its HTTP status (`AppError.http`).
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'OPERATION_LIMIT'
  | 'SUBGRAPH_UNAVAILABLE'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

export interface ErrorDetails {
  /** A finer machine-readable reason beside the code, e.g. `BAD_CHECK_CHARACTER`. */
  reason?: string;
  /** The input field the error is about, e.g. `input.documentNumber`. */
  field?: string;
  [key: string]: unknown;
}

/**
 * `extensions.http` as Apollo Server reads it to answer a refused request: the status, and headers as a
 * HeaderMap (typed loosely here: another package's augmentation of GraphQLError declares them a record).
 */
function apolloHttp(answer: HttpAnswer): { status: number } {
  return { status: answer.status, ...(answer.retryAfterSeconds ? { headers: new HeaderMap([['retry-after', String(answer.retryAfterSeconds)]]) } : {}) };
}

/** How a refusal answers over HTTP when it stops a whole request: its status, and when to retry. */
export interface HttpAnswer {
  status: number;
  retryAfterSeconds?: number;
}

/**
 * Our one error type. `http` is the status a request refused by this error answers with: Apollo
 * Server reads it from `extensions.http` (so it is written there too), and our own routes read the
 * property, never the extensions.
 */
export class AppError extends GraphQLError {
  readonly http: HttpAnswer | undefined;

  constructor(
    message: string,
    readonly code: ErrorCode,
    details: ErrorDetails = {},
    http?: number | HttpAnswer,
    options: GraphQLErrorOptions = {},
  ) {
    const answer = typeof http === 'number' ? { status: http } : http;
    super(message, {
      ...options,
      extensions: { ...options.extensions, ...details, code, ...(answer ? { http: apolloHttp(answer) } : {}) },
    });
    this.http = answer;
  }

  /** The error as a response carries it, at `path` when given: `extensions.http` is Apollo's, not the caller's. */
  formatted(path?: readonly (string | number)[]): GraphQLFormattedError {
    const { http: _http, ...extensions } = this.extensions;
    return { message: this.message, ...(path ? { path } : {}), extensions };
  }

  /** The headers a refused request carries (today only `Retry-After`). */
  get httpHeaders(): Record<string, string> {
    return this.http?.retryAfterSeconds ? { 'retry-after': String(this.http.retryAfterSeconds) } : {};
  }
}

export class BadUserInputError extends AppError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, 'BAD_USER_INPUT', details);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Authentication required', details: ErrorDetails = {}) {
    super(message, 'UNAUTHENTICATED', details, 401);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Not allowed for this principal', details: ErrorDetails = {}) {
    super(message, 'FORBIDDEN', details, 403);
  }
}

export class NotFoundError extends AppError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, 'NOT_FOUND', details);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, 'CONFLICT', details);
  }
}

export class RateLimitedError extends AppError {
  constructor(message = 'Too many requests', details: ErrorDetails = {}, retryAfterSeconds?: number) {
    super(message, 'RATE_LIMITED', details, { status: 429, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) });
  }
}

export class OperationLimitError extends AppError {
  constructor(message: string, details: ErrorDetails = {}) {
    super(message, 'OPERATION_LIMIT', details, 400);
  }
}

/** Seconds a client should wait before retrying a SERVICE_UNAVAILABLE answer: about how long a reconnect takes. */
export const RETRY_AFTER_SECONDS = 2;

/**
 * The database (or another dependency) is out of reach for a moment: the request changed nothing and
 * may be sent again. A refused request carries HTTP 503 and `Retry-After`.
 */
export class ServiceUnavailableError extends AppError {
  constructor(message = 'Service temporarily unavailable; retry shortly', details: ErrorDetails = {}, options: GraphQLErrorOptions = {}) {
    super(message, 'SERVICE_UNAVAILABLE', { retryAfter: RETRY_AFTER_SECONDS, ...details }, { status: 503, retryAfterSeconds: RETRY_AFTER_SECONDS }, options);
  }
}

/**
 * SQLSTATE classes and driver codes that mean "the connection went away", not "the statement was
 * wrong": 08 connection exceptions, 57P01-57P03 (terminated by an administrator, crash or start-up),
 * 53300 (too many connections), postgres.js's own CONNECTION_* codes and the socket's errno codes.
 * postgres.js opens a new connection for the next query, so such a failure heals by itself.
 */
const CONNECTION_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  'CONNECTION_ENDED',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

/** The `code`s of an error and of its `originalError`/`cause` chain (drizzle wraps driver errors). */
function codesOf(error: unknown): string[] {
  const seen = new Set<unknown>();
  const codes: string[] = [];
  for (let e = error; e && typeof e === 'object' && !seen.has(e); ) {
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    const next = e as { originalError?: unknown; cause?: unknown };
    e = next.originalError ?? next.cause;
  }
  return codes;
}

/** Whether an error, or anything in its chain, is a lost database connection. */
export function isConnectionError(error: unknown): boolean {
  return codesOf(error).some((code) => CONNECTION_CODES.has(code) || code.startsWith('08'));
}

/**
 * Whether a statement failed on a table or schema that does not exist (yet): SQLSTATE 42P01
 * `undefined_table` or 3F000 `invalid_schema_name`. Separately deployed processes migrate their own
 * schemas, so at a cold start a consumer may run before its producer has created its outbox.
 */
export function isUndefinedTable(error: unknown): boolean {
  return codesOf(error).some((code) => code === '42P01' || code === '3F000');
}

/** A lost connection as the retryable error the caller sees; anything else as it was. */
export function asServiceUnavailable(error: unknown): unknown {
  return isConnectionError(error) ? new ServiceUnavailableError(undefined, {}, { originalError: error instanceof Error ? error : undefined }) : error;
}

/**
 * `formatError`'s first step in every process: an internal failure caused by a lost database
 * connection becomes SERVICE_UNAVAILABLE (retryable, nothing was changed: every change is one
 * transaction), so it is neither masked as INTERNAL_SERVER_ERROR nor treated as a bug.
 */
export function classifyUnavailable(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (formatted.extensions?.code === 'SERVICE_UNAVAILABLE' || !isConnectionError(error)) return formatted;
  return {
    message: 'Service temporarily unavailable; retry shortly',
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: RETRY_AFTER_SECONDS },
  };
}

const KNOWN_CODES = new Set<string>([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'OPERATION_LIMIT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Our own failures that are safe and useful to name: the caller may retry, and the rest of the answer
 * stands. Shown as they are, yet still counted as server errors.
 */
const DISCLOSED_FAILURES = new Set<string>(['SUBGRAPH_UNAVAILABLE', 'SERVICE_UNAVAILABLE']);

/** Codes that mean the caller's mistake or a refusal on purpose; anything else is an internal failure. */
export function isClientErrorCode(code: unknown): boolean {
  return typeof code === 'string' && KNOWN_CODES.has(code);
}

/**
 * Shapes an error for the wire. Errors we raised on purpose (a known code) keep their message and
 * extensions; anything else is an internal failure and, in production, says nothing about why.
 */
export function maskError(formatted: GraphQLFormattedError, production: boolean): GraphQLFormattedError {
  const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
  if (code && (KNOWN_CODES.has(code) || DISCLOSED_FAILURES.has(code))) {
    // `response` is what a gateway attaches when a subgraph answered non-2xx: the subgraph's URL and
    // raw body are nobody else's business, in any environment.
    const { response: _response, ...kept } = formatted.extensions ?? {};
    if (!production) return { ...formatted, extensions: kept };
    const { stacktrace: _stack, exception: _exception, ...rest } = kept;
    return { ...formatted, extensions: rest };
  }
  if (!production) return formatted;
  return {
    message: 'Internal server error',
    ...(formatted.path ? { path: formatted.path } : {}),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
