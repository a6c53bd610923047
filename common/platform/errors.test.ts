import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { AppError, asServiceUnavailable, classifyUnavailable, ForbiddenError, isConnectionError, maskError, NotFoundError, RateLimitedError, RETRY_AFTER_SECONDS, ServiceUnavailableError, UnauthenticatedError } from './errors.js';

describe(maskError.name, () => {
  const internal = { message: 'relation "x" does not exist', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at db.ts:1'] }, path: ['me'] };
  const expected = { message: 'No such person', extensions: { code: 'NOT_FOUND', stacktrace: ['at x'] } };

  it('hides an internal failure and its stack in production', () => {
    expect(maskError(internal, true)).toEqual({ message: 'Internal server error', path: ['me'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('keeps an expected error and drops only its stack in production', () => {
    expect(maskError(expected, true)).toEqual({ message: 'No such person', extensions: { code: 'NOT_FOUND' } });
  });

  it("never passes on a subgraph's raw response, in any environment", () => {
    const wrapped = { message: 'Forbidden', extensions: { code: 'FORBIDDEN', reason: 'NOT_GUARDIAN', response: { url: 'http://10.0.0.3:4001/graphql', status: 403, body: {} } } };
    for (const production of [true, false]) {
      expect(maskError(wrapped, production)).toEqual({ message: 'Forbidden', extensions: { code: 'FORBIDDEN', reason: 'NOT_GUARDIAN' } });
    }
  });

  it('keeps a subgraph being unavailable as it is in production: retryable, and no address in it', () => {
    const down = { message: 'The health-status service is unavailable; retry shortly', extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'TIMEOUT', subgraph: 'health-status', stacktrace: ['at x'] } };
    expect(maskError(down, true)).toEqual({ message: down.message, extensions: { code: 'SUBGRAPH_UNAVAILABLE', reason: 'TIMEOUT', subgraph: 'health-status' } });
  });

  it('shows everything else in development', () => {
    expect(maskError(internal, false)).toBe(internal);
  });
});

describe(isConnectionError.name, () => {
  const pg = (code: string) => Object.assign(new Error('terminating connection due to administrator command'), { code });

  it('knows a lost connection by SQLSTATE or driver code, also wrapped as drizzle and GraphQL wrap it', () => {
    for (const code of ['57P01', '57P02', '57P03', '08006', '08003', '53300', 'CONNECTION_ENDED', 'CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'ECONNRESET', 'ECONNREFUSED']) {
      expect(isConnectionError(pg(code)), code).toBe(true);
    }
    const drizzleWrapped = new Error('Failed query: select 1', { cause: pg('57P01') });
    expect(isConnectionError(new GraphQLError('x', { originalError: drizzleWrapped }))).toBe(true);
  });

  it('leaves every other failure internal: a bad statement, a constraint, a plain bug', () => {
    for (const code of ['42P01', '23505', '40001', '22P02']) expect(isConnectionError(pg(code)), code).toBe(false);
    expect(isConnectionError(new TypeError('x is undefined'))).toBe(false);
    expect(isConnectionError(undefined)).toBe(false);
  });
});

describe(classifyUnavailable.name, () => {
  it('turns an internal error caused by a lost connection into a retryable SERVICE_UNAVAILABLE that production shows', () => {
    const formatted = { message: 'terminating connection due to administrator command', path: ['me'], extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    const error = new GraphQLError(formatted.message, { originalError: Object.assign(new Error('x'), { code: '57P01' }) });
    const shaped = maskError(classifyUnavailable(formatted, error), true);
    expect(shaped).toEqual({ message: 'Service temporarily unavailable; retry shortly', path: ['me'], extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: RETRY_AFTER_SECONDS } });
  });

  it('leaves other internal errors to be masked', () => {
    const formatted = { message: 'relation "x" does not exist', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    const error = new GraphQLError(formatted.message, { originalError: Object.assign(new Error('x'), { code: '42P01' }) });
    expect(classifyUnavailable(formatted, error)).toBe(formatted);
  });

  it('refuses a request whose context could not be built with 503 and Retry-After', () => {
    const refused = new ServiceUnavailableError();
    expect(refused.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', http: { status: 503 } });
    expect((refused.extensions.http as unknown as { headers: Map<string, string> }).headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
    expect(asServiceUnavailable(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBeInstanceOf(ServiceUnavailableError);
    const other = new Error('bug');
    expect(asServiceUnavailable(other)).toBe(other);
  });
});

describe(AppError.name, () => {
  it.each([
    ['UNAUTHENTICATED', new UnauthenticatedError(), { status: 401 }, {}],
    ['FORBIDDEN', new ForbiddenError(), { status: 403 }, {}],
    ['RATE_LIMITED', new RateLimitedError(undefined, {}, 7), { status: 429, retryAfterSeconds: 7 }, { 'retry-after': '7' }],
    ['SERVICE_UNAVAILABLE', new ServiceUnavailableError(), { status: 503, retryAfterSeconds: RETRY_AFTER_SECONDS }, { 'retry-after': String(RETRY_AFTER_SECONDS) }],
    ['NOT_FOUND', new NotFoundError('x'), undefined, {}],
  ] as const)('%s carries its HTTP answer as a property, and the same in extensions.http for Apollo Server', (_code, error, http, headers) => {
    expect(error.http).toEqual(http);
    expect(error.httpHeaders).toEqual(headers);
    expect((error.extensions.http as { status?: number } | undefined)?.status).toBe(http?.status);
    expect(Object.fromEntries((error.extensions.http as { headers?: Map<string, string> } | undefined)?.headers ?? [])).toEqual(headers);
  });

  it('formats for the wire without the status Apollo Server reads', () => {
    expect(new ForbiddenError('no', { reason: 'R' }).formatted(['a', 0])).toEqual({ message: 'no', path: ['a', 0], extensions: { reason: 'R', code: 'FORBIDDEN' } });
  });
});
