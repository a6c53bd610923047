import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { suppressSmall } from '../common/domain/aggregates.js';
import { loadConfig, type Config } from '../common/platform/config.js';
import type { Connection } from '../common/platform/db.js';
import { connect, migrateAll } from './stack.js';

/**
 * Decommissioning (docs/retention.md): when the health code is retired, the purpose of its personal
 * data is achieved (PIPL Art. 47). In this order:
 *
 *   1. export the aggregates the counters keep (declarations per day, colours by region, scans per
 *      checkpoint and hour, channel traffic), small counts suppressed as on the dashboards, to a file;
 *   2. delete every row of every table in every owner's schema, except those counters themselves;
 *   3. destroy the document encryption and index keys (crypto-shredding): a backup, a dump or a
 *      disk's old pages that still hold document ciphertext or blind indexes can never be opened or
 *      matched against a guessed number again.
 *
 *   npm run decommission -- --out aggregates.json --confirm
 *
 * Uses DATABASE_URL, or the PGlite data directory (stop `npm start` first). Keys given in the
 * environment (production) live in the operator's secret store: the command says which to destroy
 * there, and cannot do it itself. It fails with one line, never a stack trace.
 */

/** Owner schemas, and the counters in them that outlive the data (the aggregates exported). */
export const OWNER_SCHEMAS = ['identity', 'declarations', 'health_status', 'interop', 'eid', 'gateway'] as const;
export const KEPT_TABLES = ['declarations.day_counters', 'health_status.color_counters', 'health_status.scan_counters', 'identity.channel_usage'] as const;

export interface Aggregates {
  exportedAt: string;
  /** Counts under 5 are null, as the dashboards suppress them. */
  declarationsPerDay: { date: string; declared: number | null; abnormal: number | null }[];
  residentsByRegionAndColour: { region: string; color: string; residents: number | null }[];
  scansPerCheckpointHour: { checkpointId: string; hour: string; scans: number | null; passed: number | null }[];
  channelRequestsPerDay: { channel: string; day: string; outcome: string; requests: number | null }[];
}

export class DecommissionError extends Error {}

/** The aggregates the counters keep: what survives the data. */
export async function exportAggregates(connection: Connection, now: Date): Promise<Aggregates> {
  const n = (v: unknown) => suppressSmall(Number(v));
  const days = await connection.query<{ date: string; declared: number; abnormal: number }>(
    `select local_date::text as date, sum(declared)::int as declared, sum(abnormal)::int as abnormal from declarations.day_counters group by 1 order by 1`,
  );
  const colours = await connection.query<{ region: string; color: string; n: number }>(
    `select region, color, sum(n)::int as n from health_status.color_counters group by 1, 2 having sum(n) <> 0 order by 1, 2`,
  );
  const scans = await connection.query<{ checkpoint_id: string; hour: string; scans: number; passed: number }>(
    `select checkpoint_id::text, to_char(hour at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as hour, sum(scans)::int as scans, sum(passed)::int as passed
       from health_status.scan_counters group by 1, 2 order by 1, 2`,
  );
  const usage = await connection.query<{ channel: string; day: string; outcome: string; count: number }>(
    `select channel, day::text as day, outcome, count from identity.channel_usage order by 1, 2, 3`,
  );
  return {
    exportedAt: now.toISOString(),
    declarationsPerDay: days.map((d) => ({ date: d.date, declared: n(d.declared), abnormal: n(d.abnormal) })),
    residentsByRegionAndColour: colours.map((c) => ({ region: c.region, color: c.color, residents: n(c.n) })),
    scansPerCheckpointHour: scans.map((s) => ({ checkpointId: s.checkpoint_id, hour: s.hour, scans: n(s.scans), passed: n(s.passed) })),
    channelRequestsPerDay: usage.map((u) => ({ channel: u.channel, day: u.day, outcome: u.outcome, requests: n(u.count) })),
  };
}

/**
 * Deletes every row of every base table in the owners' schemas but the counters, in one statement
 * (TRUNCATE: one transaction, and the audit log's row trigger, which refuses DELETE, does not apply).
 * A table added later is erased too unless it is added to KEPT_TABLES. Answers the tables erased.
 */
export async function eraseAll(connection: Connection): Promise<string[]> {
  const tables = await connection.query<{ name: string }>(
    `select quote_ident(table_schema) || '.' || quote_ident(table_name) as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema = any($1) and (table_schema || '.' || table_name) <> all($2) order by 1`,
    [[...OWNER_SCHEMAS], [...KEPT_TABLES]],
  );
  const names = tables.map((t) => t.name);
  if (names.length) await connection.query(`truncate ${names.join(', ')} cascade`);
  return names;
}

/**
 * Destroys the document keys where this process holds them: the development secrets file gets new
 * random keys in their place (the old ones are gone; nothing encrypted under them opens again). Keys
 * from the environment are the operator's to destroy in their secret store.
 */
export function destroyDocumentKeys(config: Config, env: NodeJS.ProcessEnv = process.env): { destroyed: string[]; operatorMustDestroy: string[] } {
  const operatorMustDestroy = (['DOCUMENT_ENCRYPTION_KEY', 'DOCUMENT_INDEX_KEY'] as const).filter((k) => env[k]);
  const file = resolve(config.dataDir, 'dev-secrets.json');
  const destroyed: string[] = [];
  if (existsSync(file)) {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    for (const k of ['documentEncryptionKey', 'documentIndexKey']) {
      if (raw[k]) {
        raw[k] = randomBytes(32).toString('base64');
        destroyed.push(`${file}: ${k}`);
      }
    }
    writeFileSync(file, JSON.stringify(raw, null, 2), { mode: 0o600 });
  }
  config.secrets.documentEncryptionKey.fill(0);
  config.secrets.documentIndexKey.fill(0);
  return { destroyed, operatorMustDestroy };
}

export interface DecommissionReport {
  out: string;
  erased: string[];
  keys: { destroyed: string[]; operatorMustDestroy: string[] };
}

/** The three steps, in order: the aggregates are written (and flushed) before anything is deleted. */
export async function decommission(connection: Connection, config: Config, opts: { out: string; now?: Date; env?: NodeJS.ProcessEnv }): Promise<DecommissionReport> {
  const out = resolve(opts.out);
  if (existsSync(out)) throw new DecommissionError(`${out} exists already: name a new file for the aggregates`);
  const aggregates = await exportAggregates(connection, opts.now ?? new Date());
  writeFileSync(out, JSON.stringify(aggregates, null, 2), { flag: 'wx' });
  const erased = await eraseAll(connection);
  return { out, erased, keys: destroyDocumentKeys(config, opts.env) };
}

function parseArgs(args: string[]): { out: string; confirm: boolean } {
  const at = args.indexOf('--out');
  const out = at >= 0 ? args[at + 1] : undefined;
  if (!out || out.startsWith('--')) throw new DecommissionError('usage: npm run decommission -- --out <aggregates.json> --confirm');
  return { out, confirm: args.includes('--confirm') };
}

async function main(args: string[]): Promise<void> {
  const { out, confirm } = parseArgs(args);
  if (!confirm) throw new DecommissionError('this deletes every resident\'s data for good: add --confirm to go ahead');
  const config = loadConfig();
  const connection = await connect(config);
  try {
    await migrateAll(connection);
    const report = await decommission(connection, config, { out });
    console.log(`aggregates written to ${report.out}`);
    console.log(`erased ${report.erased.length} tables; kept ${KEPT_TABLES.join(', ')}`);
    for (const k of report.keys.destroyed) console.log(`destroyed ${k}`);
    for (const k of report.keys.operatorMustDestroy) console.log(`destroy ${k} in your secret store now: this process only read it`);
  } finally {
    await connection.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    // One line, never a trace: the operator reads what to do, not where it failed.
    const message = (err instanceof Error ? err.message : String(err)).split('\n').map((line) => line.trim()).filter(Boolean).join(' ');
    console.error(`decommission failed: ${message}`);
    process.exit(1);
  });
}
