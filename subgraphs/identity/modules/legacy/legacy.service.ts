import { auditRecord, type Actor } from '../../../../common/platform/audit.js';
import type { Secrets } from '../../../../common/platform/config.js';
import { documentIndex, encrypt } from '../../../../common/platform/crypto.js';
import { localDate } from '../../../../common/domain/dates.js';
import type { Executor } from '../../../../common/platform/db.js';
import { maskDocumentNumber, maskPhone } from '../../../../common/domain/documents/masking.js';
import { IDENTITY_EVENTS, type OutgoingEvent } from '../../../../common/platform/events/contracts.js';
import type { EventTransport } from '../../../../common/platform/events/transport.js';
import { publishEvents } from '../../../../common/platform/events/typed.js';
import { newId } from '../../../../common/platform/ids.js';
import type { IdentityRepository } from '../../db/repository.js';
import { endUnacceptedLinks } from '../household/own-registration.service.js';
import type { LegacyConflictKind } from '../../db/tables.js';
import { holderMismatch, parseLegacyRecord, type KnownHolder, type LegacyRecord } from '../../domain/legacy-record.js';
import type { NewLegacyConflict } from './legacy.repository.js';

export interface LegacyImportDeps {
  repo: IdentityRepository;
  events: EventTransport;
  secrets: Pick<Secrets, 'documentEncryptionKey' | 'documentIndexKey'>;
}

/** One line of a vendor's file: its parsed fields, or why it could not be read at all. */
export interface LegacyLine {
  line: number;
  raw: Record<string, unknown> | null;
  /** Set when the line is not a record (malformed JSON, wrong column count). */
  malformed?: string;
}

export interface LegacyRejection {
  line: number;
  reason: string;
  message: string;
}

export interface LegacyConflictReport {
  line: number;
  vendorUser: string;
  kind: LegacyConflictKind;
  documentType: string;
  documentMasked: string;
  personId: string | null;
  reason: string;
}

export interface LegacyBatchOutcome {
  /** New persons. */
  created: number;
  /** Vendor users bound now (to a new or an existing person). */
  bound: number;
  /** Vendor users bound by an earlier import to the same document: nothing to do. */
  unchanged: number;
  /** Vendor RED/YELLOW codes now kept as designations. */
  designated: number;
  rejected: LegacyRejection[];
  conflicts: LegacyConflictReport[];
}

/** A concurrent writer took a document or a vendor user between our read and our write. */
class BatchRaced extends Error {}

interface Holder extends KnownHolder {
  id: string;
}

const docKey = (r: { documentType: string; documentIndex: string }) => `${r.documentType}\n${r.documentIndex}`;

/**
 * Imports one batch of a vendor's records in one transaction: persons, bindings, audit rows, events
 * and conflicts, or nothing. Idempotent by vendor + vendor user: a user bound before (to the same
 * document) is left alone, so a file imported twice, or again after a crash, changes nothing more.
 */
export async function importLegacyBatch(deps: LegacyImportDeps, vendor: string, lines: LegacyLine[], actor: Actor, now: Date): Promise<LegacyBatchOutcome> {
  const today = localDate(now);
  const rejected: LegacyRejection[] = [];
  const records: { line: number; record: LegacyRecord; index: string }[] = [];
  for (const l of lines) {
    if (!l.raw) {
      rejected.push({ line: l.line, reason: 'MALFORMED_LINE', message: l.malformed ?? 'not a record' });
      continue;
    }
    const parsed = parseLegacyRecord(l.raw, today, now);
    if (!parsed.ok) rejected.push({ line: l.line, reason: parsed.reason, message: parsed.message });
    else records.push({ line: l.line, record: parsed.value, index: documentIndex(deps.secrets.documentIndexKey, parsed.value.document.type, parsed.value.document.number) });
  }
  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await deps.repo.transaction((tx) => writeBatch(deps, tx, vendor, records, actor));
      return { ...outcome, rejected };
    } catch (err) {
      // Only a lost race is retried (the next read sees the winner's rows); anything else is real.
      if (!(err instanceof BatchRaced) || attempt >= 3) throw err;
    }
  }
}

async function writeBatch(
  deps: LegacyImportDeps,
  tx: Executor,
  vendor: string,
  records: { line: number; record: LegacyRecord; index: string }[],
  actor: Actor,
): Promise<Omit<LegacyBatchOutcome, 'rejected'>> {
  const legacy = deps.repo.legacy;
  const docs = records.map((r) => ({ documentType: r.record.document.type, documentIndex: r.index }));
  const holders = new Map<string, Holder>((await legacy.holders(docs, tx)).map((h) => [docKey(h), h]));
  const bound = new Map((await legacy.boundUsers(vendor, [...new Set(records.map((r) => r.record.vendorUserId))], tx)).map((b) => [b.channelUser, b]));
  const usersNow = new Map<string, { key: string; personId: string }>();
  const newPersons: Parameters<typeof legacy.insertPersons>[0] = [];
  const binds: { channelUser: string; personId: string; line: number; created: boolean; record: LegacyRecord }[] = [];
  const conflicts: LegacyConflictReport[] = [];
  let unchanged = 0;
  const key = deps.secrets.documentEncryptionKey;

  for (const { line, record, index } of records) {
    const k = docKey({ documentType: record.document.type, documentIndex: index });
    const masked = maskDocumentNumber(record.document.type, record.document.number);
    const conflict = (kind: LegacyConflictKind, personId: string | null, reason: string) =>
      conflicts.push({ line, vendorUser: record.vendorUserId, kind, documentType: record.document.type, documentMasked: masked, personId, reason });
    const before = bound.get(record.vendorUserId);
    const prior = usersNow.get(record.vendorUserId) ?? (before && { key: docKey(before), personId: before.personId });
    if (prior) {
      if (prior.key === k) unchanged++;
      else conflict('VENDOR_USER_TWO_DOCUMENTS', prior.personId, 'OTHER_DOCUMENT');
      continue;
    }
    const holder = holders.get(k);
    if (holder) {
      const mismatch = holderMismatch(holder, record);
      if (mismatch) {
        conflict('DOCUMENT_HOLDER_MISMATCH', holder.id, mismatch);
        continue;
      }
    }
    const person = holder ?? { id: newId(), name: record.fields.name, birthDate: record.fields.birthDate };
    if (!holder) {
      holders.set(k, person);
      const f = record.fields;
      newPersons.push({
        id: person.id,
        name: f.name,
        sex: f.sex,
        documentType: record.document.type,
        documentIndex: index,
        documentCipher: encrypt(key, record.document.number, record.document.type),
        documentMasked: masked,
        birthDate: f.birthDate,
        region: record.region,
        address: f.address,
        phoneCipher: f.phone ? encrypt(key, f.phone, 'PHONE') : null,
        phoneMasked: f.phone ? maskPhone(f.phone) : null,
      });
    }
    usersNow.set(record.vendorUserId, { key: k, personId: person.id });
    binds.push({ channelUser: record.vendorUserId, personId: person.id, line, created: !holder, record });
  }

  const inserted = await legacy.insertPersons(newPersons, tx);
  if (inserted.size < newPersons.length) throw new BatchRaced();
  const boundNow = await legacy.bind(vendor, binds, tx);
  if (boundNow.size < binds.length) throw new BatchRaced();
  // A vendor user is the holder's own channel: it ends the links they never accepted, exactly as
  // their own registration does (SPEC: a member added before registering is provisional).
  await endUnacceptedLinks(
    deps,
    tx,
    binds.filter((b) => !b.created).map((b) => ({ personId: b.personId, channel: vendor, channelUser: b.channelUser })),
    `${actor.kind}:${actor.subject}:${actor.channelUser ?? ''}`,
  );

  const events: OutgoingEvent[] = newPersons.map((p) => ({
    type: IDENTITY_EVENTS.PersonRegistered,
    personId: p.id,
    payload: { personId: p.id, documentType: p.documentType, documentIndex: p.documentIndex, region: p.region, birthDate: p.birthDate ?? null },
  }));
  let designated = 0;
  for (const b of binds) {
    events.push({ type: IDENTITY_EVENTS.ChannelUserBound, personId: b.personId, payload: { personId: b.personId, channel: vendor, channelUser: b.channelUser } });
  }
  for (const b of binds) {
    if (b.record.color === 'GREEN') continue;
    designated++;
    events.push({
      type: IDENTITY_EVENTS.LegacyCodeImported,
      personId: b.personId,
      payload: { personId: b.personId, vendor, vendorUser: b.channelUser, color: b.record.color, since: b.record.colorSince },
    });
  }
  await legacy.audit(
    binds.map((b) => auditRecord(actor, b.created ? 'REGISTER_PERSON' : 'BIND_CHANNEL_USER', b.personId, { channel: vendor, source: 'LEGACY_IMPORT', line: b.line })),
    tx,
  );
  await publishEvents(deps.events, tx, events);
  await legacy.reportConflicts(
    conflicts.map(
      (c): NewLegacyConflict => ({
        id: newId(),
        vendor,
        vendorUser: c.vendorUser,
        kind: c.kind,
        documentType: c.documentType as NewLegacyConflict['documentType'],
        documentMasked: c.documentMasked,
        personId: c.personId,
        line: c.line,
        detail: { reason: c.reason },
      }),
    ),
    tx,
  );
  return { created: newPersons.length, bound: binds.length, unchanged, designated, conflicts };
}
