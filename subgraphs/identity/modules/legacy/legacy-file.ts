import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { LegacyLine } from './legacy.service.js';

export type LegacyFormat = 'jsonl' | 'csv';

export function formatOf(path: string): LegacyFormat {
  return /\.csv$/i.test(path) ? 'csv' : 'jsonl';
}

/** Counts what a reader has taken from the file so far: progress by bytes of the file's size. */
export interface ReadMeter {
  bytes: number;
  lines: number;
}

/** The record's fields, as CSV header names or JSON keys (docs/channels.md gives each one's format). */
export const LEGACY_FIELDS = ['vendorUserId', 'name', 'documentType', 'documentNumber', 'phone', 'region', 'color', 'colorSince', 'birthDate', 'sex'] as const;
/** The fields a record cannot do without; the others may be left empty or out. */
export const REQUIRED_LEGACY_FIELDS = ['vendorUserId', 'name', 'documentNumber', 'region', 'color'] as const;

/** A CSV header the import cannot read: every line would be rejected, so the file is refused whole. */
export class LegacyHeaderError extends Error {
  constructor(
    readonly missing: string[],
    readonly unknown: string[],
  ) {
    super(
      `the CSV header is wrong: ${[missing.length ? `missing ${missing.join(', ')}` : '', unknown.length ? `unknown ${unknown.join(', ')}` : ''].filter(Boolean).join('; ')} ` +
        `(expected ${LEGACY_FIELDS.join(',')})`,
    );
  }
}

/** Pure: the header's problem, or null. Names are matched exactly (the record's field names). */
export function headerProblem(columns: readonly string[]): LegacyHeaderError | null {
  const missing = REQUIRED_LEGACY_FIELDS.filter((f) => !columns.includes(f));
  const unknown = columns.filter((c) => !(LEGACY_FIELDS as readonly string[]).includes(c));
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
  return missing.length || unknown.length || repeated.length ? new LegacyHeaderError(missing, [...unknown, ...repeated.map((c) => `${c} (twice)`)]) : null;
}

/**
 * Pure: one CSV line (RFC 4180 quoting, fields trimmed) as its fields, or why it is malformed. A
 * record is one line: a quote left open is an error of that line and never runs on into the next,
 * which would swallow a valid record.
 */
export function parseCsvLine(text: string): { ok: true; fields: string[] } | { ok: false; message: string } {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (text[i] === '"') {
      let value = '';
      for (i++; ; i++) {
        if (i >= text.length) return { ok: false, message: `unclosed quote in field ${fields.length + 1} (a quoted field cannot span lines)` };
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            value += '"';
            i++;
          } else break;
        } else value += text[i];
      }
      i++;
      while (text[i] === ' ' || text[i] === '\t') i++;
      if (i < text.length && text[i] !== ',') return { ok: false, message: `text after the closing quote of field ${fields.length + 1}` };
      fields.push(value.trim());
    } else {
      const end = text.indexOf(',', i);
      const value = text.slice(i, end === -1 ? text.length : end);
      if (value.includes('"')) return { ok: false, message: `a quote inside unquoted field ${fields.length + 1}` };
      fields.push(value.trim());
      i = end === -1 ? text.length : end;
    }
    if (i >= text.length) return { ok: true, fields };
    i++; // the comma
  }
}

/** The file's lines, counted into the meter as they are taken. */
async function* fileLines(path: string, meter?: ReadMeter): AsyncGenerator<string> {
  const input = createReadStream(path, 'utf8');
  try {
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      // The bytes of the lines handed on (the stream itself reads ahead in 64 kB chunks); +1 for the newline.
      if (meter) meter.bytes += Buffer.byteLength(line) + 1;
      yield line;
    }
  } finally {
    input.destroy();
  }
}

/** JSON Lines, one record per line; blank lines are skipped, anything else that is not an object is malformed. */
async function* jsonLines(path: string, meter?: ReadMeter): AsyncGenerator<LegacyLine> {
  let line = 0;
  for await (const text of fileLines(path, meter)) {
    line++;
    if (meter) meter.lines = line;
    if (!text.trim()) continue;
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === 'object' && !Array.isArray(value)) yield { line, raw: value as Record<string, unknown> };
      else yield { line, raw: null, malformed: 'a line must be one JSON object' };
    } catch (err) {
      yield { line, raw: null, malformed: `not JSON: ${(err as Error).message}` };
    }
  }
}

/**
 * CSV with a header row naming the record's fields (vendorUserId,name,documentType,documentNumber,
 * phone,region,color,colorSince,birthDate,sex; any order, the optional ones may be left out). A
 * wrong header refuses the file (LegacyHeaderError) before any record; a line with the wrong number
 * of fields, or broken quoting, is malformed and rejected with its line number; a record is one line.
 */
async function* csvLines(path: string, meter?: ReadMeter): AsyncGenerator<LegacyLine> {
  let header: string[] | undefined;
  let line = 0;
  for await (const raw of fileLines(path, meter)) {
    line++;
    if (meter) meter.lines = line;
    const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (!text.trim()) continue;
    const parsed = parseCsvLine(text);
    if (!header) {
      if (!parsed.ok) throw new LegacyHeaderError([], [`(line ${line}: ${parsed.message})`]);
      const problem = headerProblem(parsed.fields);
      if (problem) throw problem;
      header = parsed.fields;
      continue;
    }
    if (!parsed.ok) yield { line, raw: null, malformed: parsed.message };
    else if (parsed.fields.length !== header.length) yield { line, raw: null, malformed: `${parsed.fields.length} fields where the header has ${header.length}` };
    else yield { line, raw: Object.fromEntries(header.map((h, i) => [h, parsed.fields[i]])) };
  }
}

/** The header row of a CSV file, checked: a wrong one is refused before anything is opened or written. */
export async function checkCsvHeader(path: string): Promise<void> {
  for await (const _ of csvLines(path)) return;
}

/** A vendor's file, streamed line by line: memory stays flat whatever its size. */
export function readLegacyFile(path: string, format: LegacyFormat = formatOf(path), meter?: ReadMeter): AsyncGenerator<LegacyLine> {
  return format === 'csv' ? csvLines(path, meter) : jsonLines(path, meter);
}

/** Groups lines into batches of `size` (each one transaction). */
export async function* batches<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
