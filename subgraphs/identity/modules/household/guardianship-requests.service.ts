import { auditRecord } from '../../../../common/platform/audit.js';
import type { Executor } from '../../../../common/platform/db.js';
import { AppError, BadUserInputError, ConflictError, NotFoundError } from '../../../../common/platform/errors.js';
import { assertId, newId } from '../../../../common/platform/ids.js';
import type { IdentityContext } from '../../context.js';
import type { GuardianshipRequestRow, PersonRow } from '../../db/repository.js';
import { isConfirmed, type GuardianshipBasis } from '../../domain/consent.js';
import { canAddDependent } from '../../domain/household.js';
import { sameName } from '../../domain/person.js';
import { guardianshipChanged, householdLookup, type AddDependentInput } from './household.service.js';
import { findOrCreatePerson } from '../persons/persons.service.js';

/**
 * The household rules, checked inside the transaction that holds both persons' locks; answers
 * whether the pair is linked already (an accepted request then confirms the link).
 */
async function assertMayLink(ctx: IdentityContext, tx: Executor, guardian: PersonRow, dependentId: string, coResident: boolean): Promise<boolean> {
  const { repo } = ctx;
  await repo.persons.lockPersons([guardian.id, dependentId], tx);
  const current = await repo.household.guardianship(guardian.id, dependentId, tx);
  const alreadyLinked = !!current && !current.removedAt;
  const verdict = canAddDependent({
    guardianId: guardian.id,
    guardianBirthDate: guardian.birthDate,
    dependentId,
    today: ctx.today,
    coResident,
    dependentsOfGuardian: await repo.household.countActive(guardian.id, 'guardian', tx),
    guardiansOfDependent: await repo.household.countActive(dependentId, 'dependent', tx),
    alreadyLinked,
  });
  if (!verdict.ok) throw new AppError(verdict.message, verdict.code, { reason: verdict.reason });
  return alreadyLinked;
}

/**
 * A pending request to become a person's guardian; nothing else changes until they (or the
 * authority) decide. The same answer whether the document is registered, under this name or
 * another, or not at all (then a record is made for it, as addDependent would): the person who
 * holds the document decides, so the name given is no key to anything. The household limits on the
 * member's side are checked when the request is accepted, so they cannot tell a caller either.
 */
export async function requestGuardianship(ctx: IdentityContext, input: AddDependentInput): Promise<GuardianshipRequestRow> {
  const { repo, principal } = ctx;
  const { guardian, valid } = await householdLookup(ctx, input);
  const guardianId = guardian.id;
  return repo.transaction(async (tx) => {
    const existing = await repo.persons.personByDocument(valid.documentType, valid.index, tx);
    const { person, created } = existing ? { person: existing, created: false } : await findOrCreatePerson(ctx, valid, tx);
    if (person.id === guardianId) throw new BadUserInputError('a person cannot be their own household member', { reason: 'SELF_DEPENDENT' });
    await repo.persons.lockPersons([guardianId, person.id], tx);
    const current = await repo.household.guardianship(guardianId, person.id, tx);
    // A provisional guardian may ask for consent; a confirmed one has nothing left to ask.
    if (current && !current.removedAt && isConfirmed(current.basis)) {
      throw new ConflictError('You already are this person’s guardian', { reason: 'ALREADY_GUARDIAN' });
    }
    const { request, created: asked } = await repo.guardianshipRequests.requestGuardianship({ id: newId(), guardianId, dependentId: person.id, relation: input.relation }, tx);
    if (asked) {
      const nameMatched = !!existing && sameName(existing.name, valid.fields.value.name);
      await repo.audit([auditRecord(principal, 'REQUEST_GUARDIANSHIP', person.id, { guardianId, requestId: request.id, created, nameMatched })], tx);
    }
    return request;
  });
}

/**
 * Makes the request's link a confirmed one, inside the transaction that locked the request: the
 * limits and the guardian's age are checked now (co-residence was confirmed by the requester), and a
 * provisional link the request was about becomes confirmed. `detail` says who confirmed it how.
 */
export async function confirmRequest(
  ctx: IdentityContext,
  tx: Executor,
  request: GuardianshipRequestRow,
  basis: Extract<GuardianshipBasis, 'CONSENT' | 'AUTHORITY' | 'GRID_VISIT'>,
  detail: Record<string, unknown> = {},
): Promise<GuardianshipRequestRow> {
  const { repo, principal } = ctx;
  const [guardian] = await repo.persons.personsByIds([request.guardianId], tx);
  const wasLinked = await assertMayLink(ctx, tx, guardian!, request.dependentId, true);
  await repo.household.linkGuardian(request.guardianId, request.dependentId, request.relation, basis, tx);
  await repo.audit(
    [auditRecord(principal, 'ADD_DEPENDENT', request.dependentId, { ...detail, guardianId: request.guardianId, relation: request.relation, created: false, basis, confirmed: wasLinked, requestId: request.id })],
    tx,
  );
  await guardianshipChanged(ctx, tx, request.guardianId, request.dependentId, true, request.relation);
  return repo.guardianshipRequests.decideGuardianshipRequest(request.id, 'ACCEPTED', decidedByOf(ctx), tx);
}

const decidedByOf = ({ principal }: IdentityContext) => `${principal.kind}:${principal.subject}:${principal.channelUser ?? ''}`;

/**
 * The person asked (from their own channel) or the authority decides. Anyone else is told the
 * request does not exist, so request ids reveal nothing. A decline ends a provisional link the
 * requester holds (asking was what let it stay), its paper codes revoked as when a guardian is
 * removed; a confirmed one is not the request's to end.
 */
export async function decideGuardianshipRequest(
  ctx: IdentityContext,
  idInput: string,
  accept: boolean,
): Promise<{ request: GuardianshipRequestRow; person: PersonRow }> {
  const { repo, principal } = ctx;
  const id = assertId(idInput, 'id');
  const deciderId = principal.kind === 'authority' ? null : await ctx.access.me();
  return repo
    .transaction(async (tx) => {
      const request = await repo.guardianshipRequests.lockGuardianshipRequest(id, tx);
      if (!request || (deciderId !== null && request.dependentId !== deciderId)) {
        throw new NotFoundError('No such guardianship request for you', { reason: 'UNKNOWN_REQUEST' });
      }
      if (request.status !== 'PENDING') throw new ConflictError(`This request was already ${request.status.toLowerCase()}`, { reason: 'REQUEST_DECIDED' });
      const [person] = await repo.persons.personsByIds([request.dependentId], tx);
      if (accept) return { request: await confirmRequest(ctx, tx, request, deciderId === null ? 'AUTHORITY' : 'CONSENT'), person: person! };
      await repo.persons.lockPersons([request.guardianId, request.dependentId], tx);
      const ended = await repo.household.endProvisionalGuardianship(request.guardianId, request.dependentId, decidedByOf(ctx), tx);
      await repo.audit(
        [auditRecord(principal, 'DECLINE_GUARDIANSHIP', request.dependentId, { guardianId: request.guardianId, requestId: id, endedBasis: ended?.basis ?? null })],
        tx,
      );
      if (ended) await guardianshipChanged(ctx, tx, request.guardianId, request.dependentId, false);
      return { request: await repo.guardianshipRequests.decideGuardianshipRequest(id, 'DECLINED', decidedByOf(ctx), tx), person: person! };
    })
    .finally(() => ctx.access.forget());
}
