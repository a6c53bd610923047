import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { serverVersion } from './db.js';

/** A correctness check: a failed one makes `npm run bench` exit non-zero. */
export interface Check {
  name: string;
  ok: boolean;
  detail?: string;
}

export interface BenchOutcome {
  name: string;
  /** Printed after the tables: what was measured against which target. */
  summary: string[];
  checks: Check[];
  /** Everything measured, written to bench/results/<name>.json. */
  figures: Record<string, unknown>;
}

export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<BenchOutcome>;
}

export const check = (name: string, ok: boolean, detail?: string): Check => ({ name, ok, ...(detail === undefined ? {} : { detail }) });

export const ms = (v: number): string => (Number.isFinite(v) ? (v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(1)} ms`) : '–');
export const num = (v: number, digits = 0): string => (Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–');

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** A plain-text table; numbers are right-aligned. */
export function table(title: string, header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const width = header.map((_, c) => Math.max(...cells.map((r) => [...(r[c] ?? '')].length)));
  const pad = (v: string, c: number) => {
    const gap = ' '.repeat(width[c]! - [...v].length);
    return /^[\d.,\s%<>~–-]+(ms|s|\/s|×)?$/.test(v) && c > 0 ? gap + v : v + gap;
  };
  const line = (r: string[]) => `| ${r.map(pad).join(' | ')} |`;
  return [title, line(header), `|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map((r) => line(r.map(String)))].join('\n');
}

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  loadavg: number[];
  memoryGiB: { total: number; free: number };
  node: string;
  postgres: string;
}

export async function machine(): Promise<MachineInfo> {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    loadavg: loadavg().map((l) => Number(l.toFixed(2))),
    memoryGiB: { total: Number((totalmem() / 2 ** 30).toFixed(1)), free: Number((freemem() / 2 ** 30).toFixed(1)) },
    node: process.version,
    postgres: await serverVersion().catch(() => 'unknown'),
  };
}

export function writeResults(outcome: BenchOutcome, extra: Record<string, unknown>): string {
  const dir = new URL('../results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL(`${outcome.name}.json`, dir);
  writeFileSync(file, `${JSON.stringify({ ...extra, ...outcome }, null, 2)}\n`);
  return file.pathname;
}
