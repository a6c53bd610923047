import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { rows, type Database, type Executor } from '../../../../common/platform/db.js';
import { auditLog, channelBindings, legacyConflicts, persons, type DocumentType, type LegacyConflictRow } from '../../db/tables.js';

export type { LegacyConflictRow };
export type NewLegacyConflict = typeof legacyConflicts.$inferInsert;
type NewPerson = typeof persons.$inferInsert;
type NewAudit = typeof auditLog.$inferInsert;

/** What a batch needs to know of a person already holding one of its documents. */
export interface HolderRow {
  id: string;
  documentType: DocumentType;
  documentIndex: string;
  name: string;
  birthDate: string | null;
}

/** Text arrays, one per column: a batch travels as a few array parameters, whatever its size. */
const texts = (values: (string | null | undefined)[]) => sql.param(values.map((v) => v ?? null));
const col = (c: { name: string }) => sql.identifier(c.name);

/**
 * The legacy import's SQL: one statement per table per batch, each taking the batch as array
 * parameters (`unnest`), so that a statement's text, and its prepared plan, are the same for every
 * batch. Look-ups are index probes per record (a LATERAL subquery with LIMIT 1 cannot be turned into a
 * hash join over the whole table), so a batch costs the same at 10,000 persons as at 50 million.
 * docs/benchmarks.md ("Legacy import") has the plans that showed why.
 */
export class LegacyRepository {
  constructor(private readonly db: Database) {}

  /** Persons holding any of these documents (type and blind index). */
  holders(docs: { documentType: DocumentType; documentIndex: string }[], ex: Executor): Promise<HolderRow[]> {
    if (!docs.length) return Promise.resolve([]);
    return rows<HolderRow>(
      ex,
      sql`select p.id, p.document_type as "documentType", p.document_index as "documentIndex", p.name, p.birth_date as "birthDate"
          from unnest(${texts(docs.map((d) => d.documentType))}::text[], ${texts(docs.map((d) => d.documentIndex))}::text[]) as d(document_type, document_index)
          cross join lateral (
            select ${col(persons.id)}, ${col(persons.documentType)}, ${col(persons.documentIndex)}, ${col(persons.name)}, ${col(persons.birthDate)} from ${persons}
            where ${col(persons.documentType)} = d.document_type and ${col(persons.documentIndex)} = d.document_index limit 1
          ) as p`,
    );
  }

  /** The vendor's users already bound, with the document of the person each is bound to. */
  boundUsers(vendor: string, users: string[], ex: Executor): Promise<{ channelUser: string; personId: string; documentType: DocumentType; documentIndex: string; documentMasked: string }[]> {
    if (!users.length) return Promise.resolve([]);
    return rows(
      ex,
      sql`select b.channel_user as "channelUser", b.person_id as "personId", p.document_type as "documentType", p.document_index as "documentIndex", p.document_masked as "documentMasked"
          from unnest(${texts(users)}::text[]) as u(channel_user)
          cross join lateral (
            select ${col(channelBindings.channelUser)}, ${col(channelBindings.personId)} from ${channelBindings}
            where ${col(channelBindings.channel)} = ${vendor} and ${col(channelBindings.channelUser)} = u.channel_user limit 1
          ) as b
          join ${persons} as p on p.id = b.person_id`,
    );
  }

  /** Inserts the new persons; answers the ids actually inserted (a concurrent writer may have won some). */
  async insertPersons(list: NewPerson[], ex: Executor): Promise<Set<string>> {
    if (!list.length) return new Set();
    const c = persons;
    const inserted = await rows<{ id: string }>(
      ex,
      sql`insert into ${persons} (${col(c.id)}, ${col(c.name)}, ${col(c.sex)}, ${col(c.documentType)}, ${col(c.documentIndex)}, ${col(c.documentCipher)}, ${col(c.documentMasked)}, ${col(c.birthDate)}, ${col(c.region)}, ${col(c.address)}, ${col(c.phoneCipher)}, ${col(c.phoneMasked)})
          select r.id::uuid, r.name, r.sex, r.document_type, r.document_index, r.document_cipher, r.document_masked, r.birth_date::date, r.region, r.address, r.phone_cipher, r.phone_masked
          from unnest(${texts(list.map((r) => r.id))}::text[], ${texts(list.map((r) => r.name))}::text[], ${texts(list.map((r) => r.sex))}::text[],
                      ${texts(list.map((r) => r.documentType))}::text[], ${texts(list.map((r) => r.documentIndex))}::text[], ${texts(list.map((r) => r.documentCipher))}::text[],
                      ${texts(list.map((r) => r.documentMasked))}::text[], ${texts(list.map((r) => r.birthDate))}::text[], ${texts(list.map((r) => r.region))}::text[],
                      ${texts(list.map((r) => r.address))}::text[], ${texts(list.map((r) => r.phoneCipher))}::text[], ${texts(list.map((r) => r.phoneMasked))}::text[])
            as r(id, name, sex, document_type, document_index, document_cipher, document_masked, birth_date, region, address, phone_cipher, phone_masked)
          on conflict do nothing
          returning ${col(c.id)}`,
    );
    return new Set(inserted.map((r) => r.id));
  }

  /** Binds vendor users; answers the users actually bound now. */
  async bind(vendor: string, list: { channelUser: string; personId: string }[], ex: Executor): Promise<Set<string>> {
    if (!list.length) return new Set();
    const c = channelBindings;
    const bound = await rows<{ user: string }>(
      ex,
      sql`insert into ${channelBindings} (${col(c.channel)}, ${col(c.channelUser)}, ${col(c.personId)})
          select ${vendor}, r.channel_user, r.person_id::uuid from unnest(${texts(list.map((r) => r.channelUser))}::text[], ${texts(list.map((r) => r.personId))}::text[]) as r(channel_user, person_id)
          on conflict do nothing
          returning ${col(c.channelUser)} as "user"`,
    );
    return new Set(bound.map((r) => r.user));
  }

  /** The batch's audit rows (no access events: an import reads nobody's data). */
  async audit(list: NewAudit[], ex: Executor): Promise<void> {
    if (!list.length) return;
    const c = auditLog;
    await ex.execute(
      sql`insert into ${auditLog} (${col(c.principalKind)}, ${col(c.principalSubject)}, ${col(c.channelUser)}, ${col(c.credentialId)}, ${col(c.action)}, ${col(c.personId)}, ${col(c.detail)})
          select r.principal_kind, r.principal_subject, r.channel_user, r.credential_id, r.action, r.person_id::uuid, r.detail::jsonb
          from unnest(${texts(list.map((r) => r.principalKind))}::text[], ${texts(list.map((r) => r.principalSubject))}::text[], ${texts(list.map((r) => r.channelUser))}::text[],
                      ${texts(list.map((r) => r.credentialId))}::text[], ${texts(list.map((r) => r.action))}::text[], ${texts(list.map((r) => r.personId))}::text[],
                      ${texts(list.map((r) => (r.detail == null ? null : JSON.stringify(r.detail))))}::text[])
            with ordinality as r(principal_kind, principal_subject, channel_user, credential_id, action, person_id, detail, n)
          order by r.n`,
    );
  }

  /** Records conflicts; one already reported (same vendor, user and kind) stays as it was. */
  async reportConflicts(list: NewLegacyConflict[], ex: Executor): Promise<void> {
    if (!list.length) return;
    const c = legacyConflicts;
    await ex.execute(
      sql`insert into ${legacyConflicts} (${col(c.id)}, ${col(c.vendor)}, ${col(c.vendorUser)}, ${col(c.kind)}, ${col(c.documentType)}, ${col(c.documentMasked)}, ${col(c.personId)}, ${col(c.line)}, ${col(c.detail)})
          select r.id::uuid, r.vendor, r.vendor_user, r.kind, r.document_type, r.document_masked, r.person_id::uuid, r.line::integer, r.detail::jsonb
          from unnest(${texts(list.map((r) => r.id))}::text[], ${texts(list.map((r) => r.vendor))}::text[], ${texts(list.map((r) => r.vendorUser))}::text[],
                      ${texts(list.map((r) => r.kind))}::text[], ${texts(list.map((r) => r.documentType))}::text[], ${texts(list.map((r) => r.documentMasked))}::text[],
                      ${texts(list.map((r) => r.personId))}::text[], ${texts(list.map((r) => (r.line == null ? null : String(r.line))))}::text[],
                      ${texts(list.map((r) => (r.detail == null ? null : JSON.stringify(r.detail))))}::text[])
            as r(id, vendor, vendor_user, kind, document_type, document_masked, person_id, line, detail)
          on conflict do nothing`,
    );
  }

  /** Newest first (ids are time-ordered uuid v7), after the cursor's id. */
  conflicts(opts: { vendor: string | null; limit: number; afterId?: string }): Promise<LegacyConflictRow[]> {
    const where = and(opts.vendor ? eq(legacyConflicts.vendor, opts.vendor) : undefined, opts.afterId ? lt(legacyConflicts.id, opts.afterId) : undefined);
    return this.db.select().from(legacyConflicts).where(where).orderBy(desc(legacyConflicts.id)).limit(opts.limit);
  }
}
