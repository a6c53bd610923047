import { BadUserInputError } from './errors.js';
import { isValidLocalDate } from './scalars.js';

/** Lists are bounded: at most this many items per page, whatever a caller asks. */
export const MAX_PAGE_SIZE = 100;

export function pageSize(first: number | null | undefined, fallback = 20): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`first must be between 1 and ${MAX_PAGE_SIZE}`, { field: 'first', reason: 'BAD_PAGE_SIZE' });
  }
  return n;
}

/** Cursors are opaque to callers: base64url of the sort key of the last item seen. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** What one part of a list's sort key is; a cursor's parts are checked against it before any SQL. */
export type CursorPart = 'date' | 'timestamp' | 'uuid' | 'integer' | 'name';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Timestamps as the database hands them out (ISO or PostgreSQL's text form), microseconds kept.
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/;
/** Longer than any cursor a list makes: a bigger one is refused before it is decoded. */
const MAX_CURSOR_LENGTH = 256;

function partOk(kind: CursorPart, v: unknown): v is string {
  if (typeof v !== 'string') return false;
  if (kind === 'uuid') return UUID.test(v);
  if (kind === 'integer') return /^\d{1,18}$/.test(v);
  if (kind === 'name') return /^[a-z_][a-z0-9_.]{0,62}$/.test(v);
  const date = kind === 'date' ? v : TIMESTAMP.exec(v)?.[1];
  return !!date && isValidLocalDate(date);
}

/**
 * The sort key inside a cursor this list made, or BAD_USER_INPUT (reason BAD_CURSOR) for anything
 * else: a forged cursor never reaches SQL, where a malformed date or id would be a server error.
 */
export function decodeCursor<const K extends readonly CursorPart[]>(cursor: string | null | undefined, kinds: K): { -readonly [I in keyof K]: string } | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  try {
    if (cursor.length <= MAX_CURSOR_LENGTH) {
      const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
      if (Array.isArray(key) && key.length === kinds.length && kinds.every((k, i) => partOk(k, key[i]))) {
        return key as { -readonly [I in keyof K]: string };
      }
    }
  } catch {
    // fall through to the error below
  }
  throw new BadUserInputError('after is not a cursor returned by this list', { field: 'after', reason: 'BAD_CURSOR' });
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Builds a page from rows fetched with limit `size + 1`, the extra row telling whether more exist. */
export function toPage<T>(rows: T[], size: number, keyOf: (row: T) => (string | number)[]): Page<T> {
  const items = rows.slice(0, size);
  const edges = items.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null } };
}
