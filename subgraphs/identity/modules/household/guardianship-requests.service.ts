import { auditRecord } from '../../../../common/audit.js';
import type { Executor } from '../../../../common/db.js';
import { AppError, ConflictError, NotFoundError } from '../../../../common/errors.js';
import { assertId, newId } from '../../../../common/ids.js';
import type { IdentityContext } from '../../context.js';
import type { GuardianshipRequestRow, PersonRow } from '../../db/repository.js';
import { consentVerdict } from '../../domain/consent.js';
import { canAddDependent } from '../../domain/household.js';
import { sameName } from '../../domain/person.js';
import { guardianshipChanged, type AddDependentInput } from './household.service.js';
import { validatePerson } from '../persons/persons.service.js';

/** The household rules, checked inside the transaction that holds both persons' locks. */
async function assertMayLink(ctx: IdentityContext, tx: Executor, guardian: PersonRow, dependentId: string, coResident: boolean): Promise<void> {
  const { repo } = ctx;
  await repo.lockPersons([guardian.id, dependentId], tx);
  const current = await repo.guardianship(guardian.id, dependentId, tx);
  const verdict = canAddDependent({
    guardianId: guardian.id,
    guardianBirthDate: guardian.birthDate,
    dependentId,
    today: ctx.today,
    coResident,
    dependentsOfGuardian: await repo.countActive(guardian.id, 'guardian', tx),
    guardiansOfDependent: await repo.countActive(dependentId, 'dependent', tx),
    alreadyLinked: !!current && !current.removedAt,
  });
  if (!verdict.ok) throw new AppError(verdict.message, verdict.code, { reason: verdict.reason });
  if (!verdict.change) throw new ConflictError('You already are this person’s guardian', { reason: 'ALREADY_GUARDIAN' });
}

/** A pending request to become a registered person's guardian; nothing else changes until they decide. */
export async function requestGuardianship(ctx: IdentityContext, input: AddDependentInput): Promise<GuardianshipRequestRow> {
  const { repo, principal } = ctx;
  const guardianId = await ctx.access.me();
  const guardian = (await ctx.loaders.person.load(guardianId))!;
  const valid = validatePerson(ctx, { ...input, region: input.region ?? guardian.region });
  return repo.transaction(async (tx) => {
    const person = await repo.personByDocument(valid.documentType, valid.index, tx);
    if (!person) throw new NotFoundError('Nobody is registered with this document: add them with addDependent', { reason: 'NOT_REGISTERED' });
    if (!sameName(person.name, valid.fields.value.name)) {
      throw new ConflictError('This document is registered under another name', { reason: 'IDENTITY_MISMATCH' });
    }
    await assertMayLink(ctx, tx, guardian, person.id, input.coResident);
    const { request, created } = await repo.requestGuardianship({ id: newId(), guardianId, dependentId: person.id, relation: input.relation }, tx);
    if (created) await repo.audit([auditRecord(principal, 'REQUEST_GUARDIANSHIP', person.id, { guardianId, requestId: request.id })], tx);
    return request;
  });
}

/**
 * The person asked (from their own channel) or the authority decides. Anyone else is told the
 * request does not exist, so request ids reveal nothing.
 */
export async function decideGuardianshipRequest(
  ctx: IdentityContext,
  idInput: string,
  accept: boolean,
): Promise<{ request: GuardianshipRequestRow; person: PersonRow }> {
  const { repo, principal } = ctx;
  const id = assertId(idInput, 'id');
  const deciderId = principal.kind === 'authority' ? null : await ctx.access.me();
  const decidedBy = `${principal.kind}:${principal.subject}:${principal.channelUser ?? ''}`;
  return repo
    .transaction(async (tx) => {
      const request = await repo.lockGuardianshipRequest(id, tx);
      if (!request || (deciderId !== null && request.dependentId !== deciderId)) {
        throw new NotFoundError('No such guardianship request for you', { reason: 'UNKNOWN_REQUEST' });
      }
      if (request.status !== 'PENDING') throw new ConflictError(`This request was already ${request.status.toLowerCase()}`, { reason: 'REQUEST_DECIDED' });
      const [guardian, person] = await Promise.all([repo.personsByIds([request.guardianId], tx), repo.personsByIds([request.dependentId], tx)]);
      if (accept) {
        // Co-residence was confirmed by the requester; the limits and the guardian's age are checked again now.
        await assertMayLink(ctx, tx, guardian[0]!, request.dependentId, true);
        const consent = consentVerdict({ created: false, birthDate: person[0]!.birthDate, today: ctx.today, consented: true });
        await repo.linkGuardian(request.guardianId, request.dependentId, request.relation, tx);
        await repo.audit([auditRecord(principal, 'ADD_DEPENDENT', request.dependentId, { guardianId: request.guardianId, relation: request.relation, created: false, basis: consent.ok ? consent.basis : null, requestId: id })], tx);
        await guardianshipChanged(ctx, tx, request.guardianId, request.dependentId, true, request.relation);
      } else {
        await repo.audit([auditRecord(principal, 'DECLINE_GUARDIANSHIP', request.dependentId, { guardianId: request.guardianId, requestId: id })], tx);
      }
      return { request: await repo.decideGuardianshipRequest(id, accept ? 'ACCEPTED' : 'DECLINED', decidedBy, tx), person: person[0]! };
    })
    .finally(() => ctx.access.forget());
}
