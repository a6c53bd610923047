import { describe, expect, it } from 'vitest';
import { maskError } from './errors.js';

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
