import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageSize, toPage } from './pagination.js';

describe('pagination', () => {
  it('round-trips a cursor and refuses one it did not make', () => {
    expect(decodeCursor(encodeCursor(['2020-03-06']), ['date'])).toEqual(['2020-03-06']);
    const key = ['2026-11-21 00:30:00.123456+00', '01900000-0000-7000-8000-00000000c0de'];
    expect(decodeCursor(encodeCursor(key), ['timestamp', 'uuid'])).toEqual(key);
    expect(decodeCursor(null, ['date'])).toBeUndefined();
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['an empty string', ''],
    ['the wrong arity', encodeCursor(['2020-03-06', '2020-03-07'])],
    ['a number for a date', encodeCursor([20200306])],
    ['a date that does not exist', encodeCursor(['2026-02-30'])],
    ['SQL in the date', encodeCursor(["2020-03-06' or 1=1 --"])],
    ['a NUL character', encodeCursor(['2020-03-06\u0000'])],
    ['an object', Buffer.from('{"a":1}').toString('base64url')],
    ['a very long cursor', 'A'.repeat(10_000)],
  ])('refuses %s as a date cursor with BAD_CURSOR', (_what, cursor) => {
    expect(() => decodeCursor(cursor, ['date'])).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', reason: 'BAD_CURSOR' }) }));
  });

  it.each([
    ['a non-uuid id', ['2026-11-21T00:30:00Z', 'x']],
    ['an hour 25', ['2026-11-21T25:30:00Z', '01900000-0000-7000-8000-00000000c0de']],
    ['30 February', ['2026-02-30T00:30:00Z', '01900000-0000-7000-8000-00000000c0de']],
    ['a timestamp without offset', ['2026-11-21T00:30:00', '01900000-0000-7000-8000-00000000c0de']],
  ])('refuses %s in a keyset cursor', (_what, key) => {
    expect(() => decodeCursor(encodeCursor(key), ['timestamp', 'uuid'])).toThrow(/not a cursor/);
  });

  it.each([0, -1, 101, 2.5])('refuses a page size of %s', (n) => {
    expect(() => pageSize(n)).toThrow(/between 1 and 100/);
  });

  it('tells whether more rows exist from the extra row fetched', () => {
    const page = toPage([1, 2, 3], 2, (n) => [n]);
    expect(page.edges.map((e) => e.node)).toEqual([1, 2]);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor([2]) });
    expect(toPage([1], 2, (n) => [n]).pageInfo.hasNextPage).toBe(false);
  });
});
