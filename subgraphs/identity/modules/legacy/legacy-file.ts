import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import type { LegacyLine } from './legacy.service.js';

export type LegacyFormat = 'jsonl' | 'csv';

export function formatOf(path: string): LegacyFormat {
  return /\.csv$/i.test(path) ? 'csv' : 'jsonl';
}

/** JSON Lines, one record per line; blank lines are skipped, anything else that is not an object is malformed. */
async function* jsonLines(path: string): AsyncGenerator<LegacyLine> {
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
    line++;
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
 * phone,region,color,colorSince,birthDate,sex). A row with the wrong number of fields, or broken
 * quoting, is malformed and skipped; the line numbers are the file's.
 */
async function* csvLines(path: string): AsyncGenerator<LegacyLine> {
  const skipped: LegacyLine[] = [];
  const parser = createReadStream(path).pipe(parse({ info: true, bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, skip_records_with_error: true }));
  parser.on('skip', (err: Error & { lines?: number }) => skipped.push({ line: err.lines ?? 0, raw: null, malformed: err.message }));
  let header: string[] | undefined;
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield* skipped.splice(0);
    if (!header) {
      header = record;
      continue;
    }
    if (record.length !== header.length) yield { line: info.lines, raw: null, malformed: `${record.length} fields where the header has ${header.length}` };
    else yield { line: info.lines, raw: Object.fromEntries(header.map((h, i) => [h, record[i]])) };
  }
  yield* skipped.splice(0);
}

/** A vendor's file, streamed line by line: memory stays flat whatever its size. */
export function readLegacyFile(path: string, format: LegacyFormat = formatOf(path)): AsyncGenerator<LegacyLine> {
  return format === 'csv' ? csvLines(path) : jsonLines(path);
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
