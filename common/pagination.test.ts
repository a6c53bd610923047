import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageSize, toPage } from './pagination.js';

describe('pagination', () => {
  it('round-trips a cursor and refuses one it did not make', () => {
    expect(decodeCursor(encodeCursor(['2020-03-06', 7]), 2)).toEqual(['2020-03-06', 7]);
    expect(() => decodeCursor('not-a-cursor', 2)).toThrow(/not a cursor/);
    expect(() => decodeCursor(encodeCursor(['a']), 2)).toThrow(/not a cursor/);
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
