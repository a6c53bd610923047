import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { auditRecord } from '../common/platform/audit.js';
import { documentIndex, encrypt } from '../common/platform/crypto.js';
import { residentIdCheckCharacter } from '../common/domain/documents/index.js';
import { maskDocumentNumber, maskPhone } from '../common/domain/documents/masking.js';
import { IDENTITY_EVENTS, STREAMS, type ChannelUserBound, type PersonRegistered } from '../common/platform/events/contracts.js';
import type { EventConsumer } from '../common/platform/events/consumer.js';
import { PostgresEventTransport } from '../common/platform/events/postgres-transport.js';
import type { NewEvent } from '../common/platform/events/transport.js';
import { newId } from '../common/platform/ids.js';
import { GUANGXI_REGIONS } from '../common/domain/regions/index.js';
import { DEV_KEYS } from '../scripts/seed.js';
import { aclBindings as declarationsAcl } from '../subgraphs/declarations/db/tables.js';
import { aclBindings as eidAcl } from '../subgraphs/eid/db/tables.js';
import { residentStatus as interopResidents } from '../subgraphs/interop/db/tables.js';
import { aclBindings as healthStatusAcl, persons as healthStatusPersons } from '../subgraphs/health-status/db/tables.js';
import { auditLog, channelBindings, persons } from '../subgraphs/identity/db/tables.js';
import { mapLimit, type BenchStack } from './lib/stack.js';

/**
 * Bulk seeding of residents for benchmarks. It writes what `registerPerson` writes (person with
 * encrypted document and blind index, channel binding, audit row, PersonRegistered and
 * ChannelUserBound in the identity outbox, in one transaction) but 1,000 residents per transaction
 * with multi-row inserts, then lets the event consumers project them, as they would in production.
 */

/** Current county-level divisions of Guangxi: every resident ID below starts with one. */
const COUNTIES: readonly string[] = [...GUANGXI_REGIONS].filter(([, r]) => r.level === 'COUNTY').map(([code]) => code);
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐韦覃蒙莫陆';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '华', '建国', '桂兰', '志强', '海燕', '春梅'];

const CHANNELS = DEV_KEYS.filter((k) => k.kind === 'channel');

export interface SeededResident {
  index: number;
  personId: string;
  name: string;
  documentNumber: string;
  birthDate: string;
  region: string;
  channel: string;
  /** The channel's development API key, to act as this resident. */
  channelKey: string;
  channelUser: string;
}

export interface SeedTimings {
  residents: number;
  projection: 'consumer' | 'bulk';
  /** Persons, bindings, audit rows and outbox events committed. */
  insertMs: number;
  /** From the last commit until health-status and declarations had applied every event. */
  projectionMs: number;
  /** ANALYZE of the seeded tables (0 when skipped). */
  analyzeMs: number;
  totalMs: number;
  /** Events each consumer applied after the last commit (the rest it applied while seeding ran). */
  appliedAfterInsert: Record<string, number>;
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The i-th benchmark resident ID born on or after `base`: county, birth date and sequence number
 * are a one-to-one function of i, so distinct indexes never collide; the check character is real.
 */
export function benchResidentId(i: number, base = '1960-01-01'): { number: string; birthDate: string; region: string } {
  const region = COUNTIES[i % COUNTIES.length]!;
  const rest = Math.floor(i / COUNTIES.length);
  const birthDate = addDays(base, Math.floor(rest / 1000));
  const first17 = `${region}${birthDate.replaceAll('-', '')}${String(rest % 1000).padStart(3, '0')}`;
  return { number: first17 + residentIdCheckCharacter(first17), birthDate, region };
}

export const benchName = (i: number): string => SURNAMES[i % SURNAMES.length]! + GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]!;

export interface SeedOptions {
  /** Index of the first resident: seeds into one database must use disjoint index ranges. */
  firstIndex?: number;
  /** Residents per transaction. */
  batch?: number;
  /** Transactions in flight at once. */
  concurrency?: number;
  /** Prefix of the channel user ids (unique per database). */
  userPrefix?: string;
  /**
   * How health-status and declarations learn of the residents. `consumer` (default): their event
   * consumers apply the outbox events, as in production. `bulk`: the consumers are paused, the
   * seed writes their projections (health_status.persons and each one's acl_bindings) with
   * multi-row inserts in the same transactions, then moves their offsets past the seeded events;
   * for large seeds, since the consumers apply one event at a time.
   */
  projection?: 'consumer' | 'bulk';
  /**
   * ANALYZE the tables the seed filled (default true), as autovacuum would soon after a bulk
   * registration; without statistics the planner can pick very different plans (see README).
   */
  analyze?: boolean;
  /** Bound on the projection wait. */
  timeoutMs?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Applies what is pending until a delivery applies nothing, within `deadline`. */
export async function drain(consumer: EventConsumer, deadline: number): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await consumer.catchUp();
    total += n;
    if (n === 0) return total;
    if (Date.now() > deadline) throw new Error(`consumer ${consumer.spec.name} still applying events at the deadline`);
  }
}

/**
 * Moves each consumer's identity offset to the newest identity event. Only right when every event
 * up to it is applied or projected and settled (no transaction that writes identity events is open).
 */
async function skipSeededEvents(b: BenchStack): Promise<void> {
  const [last] = await b.stack.connection.query<{ txid: string; id: string }>('select txid::text as txid, id::text as id from identity.events order by txid desc, id desc limit 1');
  if (!last) return;
  for (const c of Object.values(b.consumers)) {
    await b.stack.connection.query(
      `insert into "${c.spec.schema}".event_offsets as o (consumer, stream, txid, last_id) values ($1, $2, $3::xid8, $4::bigint)
       on conflict (consumer, stream) do update set txid = excluded.txid, last_id = excluded.last_id, updated_at = now()
       where (o.txid, o.last_id) < (excluded.txid, excluded.last_id)`,
      [c.spec.name, STREAMS.identity, last.txid, last.id],
    );
  }
}

/** Seeds `count` residents and waits until health-status (and declarations) know all of them. */
export async function seedResidents(b: BenchStack, count: number, opts: SeedOptions = {}): Promise<{ residents: SeededResident[]; timings: SeedTimings }> {
  const first = opts.firstIndex ?? 0;
  const batchSize = opts.batch ?? 1000;
  const prefix = opts.userPrefix ?? 'bench';
  const { documentEncryptionKey, documentIndexKey } = b.config.secrets;
  const db = b.stack.db.identity.db;
  const transport = new PostgresEventTransport(db, b.stack.connection);

  const residents: SeededResident[] = [];
  const batches: number[][] = [];
  for (let s = 0; s < count; s += batchSize) batches.push(Array.from({ length: Math.min(batchSize, count - s) }, (_, k) => first + s + k));

  const bulk = opts.projection === 'bulk';
  const deadline = Date.now() + (opts.timeoutMs ?? 600_000);
  if (bulk) {
    // Everything before the seed goes the normal way; then the consumers sleep until it is over.
    for (const c of Object.values(b.consumers)) await drain(c, deadline);
    for (const c of Object.values(b.consumers)) await c.stop();
  }

  const t0 = performance.now();
  let done = 0;
  await mapLimit(batches, opts.concurrency ?? 2, async (indexes) => {
    const personRows: (typeof persons.$inferInsert)[] = [];
    const bindingRows: (typeof channelBindings.$inferInsert)[] = [];
    const auditRows: (typeof auditLog.$inferInsert)[] = [];
    const events: NewEvent[] = [];
    for (const i of indexes) {
      const doc = benchResidentId(i);
      const channel = CHANNELS[i % CHANNELS.length]!;
      const channelUser = `${prefix}-${i}`;
      const phone = `138${String(i % 1e8).padStart(8, '0')}`;
      const id = newId();
      const index = documentIndex(documentIndexKey, 'RESIDENT_ID', doc.number);
      const sequence = Number(doc.number[16]);
      personRows.push({
        id,
        name: benchName(i),
        sex: sequence % 2 === 1 ? 'MALE' : 'FEMALE',
        documentType: 'RESIDENT_ID',
        documentIndex: index,
        documentCipher: encrypt(documentEncryptionKey, doc.number, 'RESIDENT_ID'),
        documentMasked: maskDocumentNumber('RESIDENT_ID', doc.number),
        birthDate: doc.birthDate,
        region: doc.region,
        address: null,
        phoneCipher: encrypt(documentEncryptionKey, phone, 'PHONE'),
        phoneMasked: maskPhone(phone),
      });
      bindingRows.push({ channel: channel.subject, channelUser, personId: id });
      auditRows.push(auditRecord({ kind: 'channel', subject: channel.subject, channelUser, credentialId: channel.id }, 'REGISTER_PERSON', id, { channel: channel.subject }));
      const registered: PersonRegistered = { personId: id, documentType: 'RESIDENT_ID', documentIndex: index, region: doc.region, birthDate: doc.birthDate };
      const bound: ChannelUserBound = { personId: id, channel: channel.subject, channelUser };
      events.push(
        { type: IDENTITY_EVENTS.PersonRegistered, personId: id, payload: { ...registered } },
        { type: IDENTITY_EVENTS.ChannelUserBound, personId: id, payload: { ...bound } },
      );
      residents.push({ index: i, personId: id, name: benchName(i), documentNumber: doc.number, birthDate: doc.birthDate, region: doc.region, channel: channel.subject, channelKey: channel.key, channelUser });
    }
    await db.transaction(async (tx) => {
      await tx.insert(persons).values(personRows);
      await tx.insert(channelBindings).values(bindingRows);
      await tx.insert(auditLog).values(auditRows);
      await transport.publish(tx, STREAMS.identity, events);
      if (bulk) {
        // What healthStatusConsumerSpec, the declarations and eid access projections and interop's resident status write per event.
        await tx
          .insert(healthStatusPersons)
          .values(personRows.map((p) => ({ personId: p.id, documentType: p.documentType, documentIndex: p.documentIndex, region: p.region, birthDate: p.birthDate ?? null, codeId: randomUUID() })))
          .onConflictDoNothing();
        const aclRows = bindingRows.map((r) => ({ channel: r.channel, channelUser: r.channelUser, personId: r.personId }));
        for (const acl of [healthStatusAcl, declarationsAcl, eidAcl]) await tx.insert(acl).values(aclRows).onConflictDoNothing();
        await tx
          .insert(interopResidents)
          .values(personRows.map((p) => ({ personId: p.id, documentType: p.documentType, documentIndex: p.documentIndex, asOf: new Date().toISOString() })))
          .onConflictDoNothing();
      }
    });
    done += indexes.length;
    opts.onProgress?.(done, count);
  });
  const t1 = performance.now();

  if (bulk) {
    await skipSeededEvents(b);
    for (const c of Object.values(b.consumers)) await c.start();
  }
  const applied: Record<string, number> = {};
  await Promise.all(
    Object.entries(b.consumers).map(async ([name, c]) => {
      applied[name] = await drain(c, deadline);
    }),
  );
  const t2 = performance.now();
  if (opts.analyze ?? true) {
    await b.stack.connection.query(
      'analyze identity.persons, identity.channel_bindings, identity.events, health_status.persons, health_status.acl_bindings, health_status.health_codes, declarations.acl_bindings, eid.acl_bindings',
    );
  }
  const t3 = performance.now();

  residents.sort((x, y) => x.index - y.index);
  return { residents, timings: { residents: count, projection: bulk ? 'bulk' : 'consumer', insertMs: t1 - t0, projectionMs: t2 - t1, analyzeMs: t3 - t2, totalMs: t3 - t0, appliedAfterInsert: applied } };
}

/** Counts what health-status knows, to check a seed landed completely. */
export async function healthStatusCounts(b: BenchStack): Promise<{ persons: number; bindings: number }> {
  const [row] = await b.stack.connection.query<{ persons: string; bindings: string }>(
    'select (select count(*) from health_status.persons) as persons, (select count(*) from health_status.acl_bindings) as bindings',
  );
  return { persons: Number(row!.persons), bindings: Number(row!.bindings) };
}
