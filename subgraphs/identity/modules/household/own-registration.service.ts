import { auditRecord, systemActor, type AuditRecord } from '../../../../common/platform/audit.js';
import { encrypt } from '../../../../common/platform/crypto.js';
import type { Executor } from '../../../../common/platform/db.js';
import { maskName, maskPhone } from '../../../../common/domain/documents/masking.js';
import type { EventTransport } from '../../../../common/platform/events/transport.js';
import { newId } from '../../../../common/platform/ids.js';
import type { IdentityContext } from '../../context.js';
import type { IdentityRepository, PersonRow } from '../../db/repository.js';
import { registrationOverRecord } from '../../domain/household.js';
import { sameName } from '../../domain/person.js';
import type { ValidPerson } from '../persons/persons.service.js';
import { guardianshipChanged } from './household.service.js';

/**
 * A channel user registers as the holder of a document someone else may have typed in first (as a
 * household member, or asking to become their guardian). Runs in registerPerson's transaction,
 * before the binding, and answers the record as it now stands.
 *
 * The record was nobody's own until now (no channel bound to it), so the holder's real-name
 * registration wins: a name someone else typed is replaced (the old one kept in the audit), and
 * every guardianship the holder never accepted ends, its paper codes revoked, an entry in their
 * access log, and a pending request in its place that they may accept right here, from this
 * channel. What they accepted, or the authority decided, stays.
 */
export async function claimOwnRecord(ctx: IdentityContext, tx: Executor, existing: PersonRow, valid: ValidPerson): Promise<PersonRow> {
  const { repo, principal } = ctx;
  await repo.persons.lockPersons([existing.id], tx);
  const heldByChannel = await repo.bindings.hasBinding(existing.id, tx);
  const over = registrationOverRecord({ sameName: sameName(existing.name, valid.fields.value.name), heldByChannel });
  // A person who answers for themself already: findOrCreatePerson refuses another name (MISMATCH).
  if (heldByChannel) return existing;
  const channel = { channel: principal.subject, channelUser: principal.channelUser ?? null };
  let person = existing;
  if (over === 'TAKE_OVER') {
    const f = valid.fields.value;
    person = await repo.persons.replacePersonFields(
      existing.id,
      {
        name: f.name,
        sex: f.sex,
        birthDate: f.birthDate,
        region: valid.region,
        address: f.address,
        phoneCipher: f.phone ? encrypt(ctx.secrets.documentEncryptionKey, f.phone, 'PHONE') : null,
        phoneMasked: f.phone ? maskPhone(f.phone) : null,
      },
      tx,
    );
    await repo.audit([auditRecord(principal, 'HOLDER_REPLACED_RECORD', existing.id, { ...channel, replacedName: existing.name, recordCreatedAt: existing.createdAt })], tx);
  }
  await endUnacceptedLinks(ctx, tx, [{ personId: existing.id, ...channel }], `${principal.kind}:${principal.subject}:${principal.channelUser ?? ''}`);
  return person;
}

/** A document holder just bound to a channel of their own, and that channel. */
export interface OwnChannel {
  personId: string;
  channel: string;
  channelUser: string | null;
}

/**
 * What a holder's own channel does to the guardianships they never accepted, for registerPerson
 * (one holder) and the legacy import (a batch of vendor users): every provisional link ends, its
 * paper codes revoked (GuardianshipChanged), an entry in the holder's access log, and a pending
 * request in its place that they may accept from that channel. Run in the transaction that binds
 * the channel: the persons are locked first, so an addDependent racing it either sees the binding
 * or has committed its link before the links are ended here.
 */
export async function endUnacceptedLinks(deps: { repo: IdentityRepository; events: EventTransport }, tx: Executor, holders: readonly OwnChannel[], removedBy: string): Promise<void> {
  const { repo } = deps;
  if (!holders.length) return;
  const channelOf = new Map(holders.map((h) => [h.personId, { channel: h.channel, channelUser: h.channelUser }]));
  await repo.persons.lockPersons([...channelOf.keys()], tx);
  const ended = await repo.household.endProvisionalGuardianships([...channelOf.keys()], removedBy, tx);
  if (!ended.length) return;
  const names = new Map((await repo.persons.personsByIds([...new Set(ended.map((l) => l.guardianId))], tx)).map((g) => [g.id, g.name]));
  const rows: AuditRecord[] = [];
  for (const link of ended) {
    await repo.guardianshipRequests.requestGuardianship({ id: newId(), guardianId: link.guardianId, dependentId: link.dependentId, relation: link.relation }, tx);
    const name = names.get(link.guardianId);
    // Written by the rule, not by the holder, and shown in their access log: someone acted for them
    // without their consent until now.
    rows.push(
      auditRecord(systemActor('identity/household'), 'UNCONFIRMED_GUARDIAN_ENDED', link.dependentId, {
        ...channelOf.get(link.dependentId),
        guardianId: link.guardianId,
        basis: link.basis,
        linkedAt: link.createdAt,
        shownToPerson: true,
        organisation: '家庭成员',
        what: name ? `guardian ${maskName(name)}` : 'guardian',
      }),
    );
  }
  await repo.audit(rows, tx);
  for (const link of ended) await guardianshipChanged(deps, tx, link.guardianId, link.dependentId, false);
}
