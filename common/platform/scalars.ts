import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { localDate } from '../domain/dates.js';

/** Local calendar dates and instants in the province's time zone (UTC+8, no daylight saving). */
export const PROVINCE_UTC_OFFSET_MINUTES = 8 * 60;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isValidLocalDate(v: string): boolean {
  if (!DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** The local date (UTC+8) of an instant: `common/domain/dates.ts` is the one implementation. */
export function toLocalDate(instant: Date | string | number): string {
  return localDate(typeof instant === 'number' ? new Date(instant) : instant);
}

/** An instant rendered in UTC+8, e.g. `2020-03-06T09:30:00.000+08:00`. */
export function toLocalDateTime(instant: Date | string | number): string {
  const d = typeof instant === 'string' ? parseDbTimestamp(instant) : new Date(instant);
  const t = d.getTime() + PROVINCE_UTC_OFFSET_MINUTES * 60_000;
  return `${new Date(t).toISOString().slice(0, 23)}+08:00`;
}

/** PostgreSQL's text form (`2020-03-06 01:30:00.123+00`) is not ISO; make it so before parsing. */
function parseDbTimestamp(v: string): Date {
  const iso = v.includes('T') ? v : v.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new TypeError(`not a timestamp: ${v}`);
  return d;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  serialize: (v) => String(v).slice(0, 10),
  parseValue: (v) => {
    if (typeof v !== 'string' || !isValidLocalDate(v)) {
      throw new GraphQLError('Date must be a calendar date YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return v;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING || !isValidLocalDate(ast.value)) {
      throw new GraphQLError('Date must be a calendar date YYYY-MM-DD', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return ast.value;
  },
});

const OFFSET_DATETIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/**
 * An instant from ISO 8601 with an offset. The calendar date is checked first: JavaScript's parser
 * would roll `2026-02-30` over to 2 March instead of refusing it.
 */
function parseDateTime(v: unknown): string {
  const m = typeof v === 'string' ? OFFSET_DATETIME.exec(v) : null;
  if (!m || !isValidLocalDate(m[1]!) || Number.isNaN(Date.parse(v as string))) {
    throw new GraphQLError('DateTime must be ISO 8601 with an offset, e.g. 2020-03-06T09:30:00+08:00', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return new Date(v as string).toISOString();
}

export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  serialize: (v) => toLocalDateTime(v as string | Date),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
