import { publishEvents } from '../../../../common/platform/events/typed.js';
import { IDENTITY_EVENTS } from '../../../../common/platform/events/contracts.js';
import { auditRecord } from '../../../../common/platform/audit.js';
import type { Executor } from '../../../../common/platform/db.js';
import { AppError, ForbiddenError, NotFoundError, RateLimitedError } from '../../../../common/platform/errors.js';
import type { IdentityContext, IdentityDeps } from '../../context.js';
import type { HouseholdRelation, PersonRow } from '../../db/repository.js';
import { childOrElderly, consentVerdict } from '../../domain/consent.js';
import { callerMayBeGuardian, canAddDependent, DOCUMENT_LOOKUPS_PER_DAY } from '../../domain/household.js';
import { sameName } from '../../domain/person.js';
import { findOrCreatePerson, validatePerson, type PersonInput, type ValidPerson } from '../persons/persons.service.js';

export interface AddDependentInput extends Omit<PersonInput, 'region'> {
  region?: string | null;
  relation: HouseholdRelation;
  coResident: boolean;
}

/** A link made or ended; health-status revokes an ended guardian's paper codes on it. */
export async function guardianshipChanged(deps: Pick<IdentityDeps, 'events'>, tx: Executor, guardianId: string, dependentId: string, active: boolean, relation?: string) {
  await publishEvents(deps.events, tx, [
    { type: IDENTITY_EVENTS.GuardianshipChanged, personId: dependentId, payload: { guardianId, dependentId, active, relation: relation ?? null } },
  ]);
}

/**
 * One refusal for every member who must consent: an adult, a person with a channel of their own, a
 * document registered under another name. Same code, reason and message, so the answer tells a
 * caller neither whether the document is registered nor under which name (SPEC §8).
 */
export const consentRequired = () =>
  new ForbiddenError('This person must consent first: ask them with requestGuardianship', { reason: 'CONSENT_REQUIRED' });

/**
 * The caller's validated input, after the checks only the caller decides (adult, co-resident) and
 * one look-up from their daily budget. Every household call that looks a document up comes here
 * first, so a sweep of documents runs out of budget whatever each call answers.
 */
export async function householdLookup(ctx: IdentityContext, input: AddDependentInput): Promise<{ guardian: PersonRow; valid: ValidPerson }> {
  const guardianId = await ctx.access.me();
  const guardian = (await ctx.loaders.person.load(guardianId))!;
  const valid = validatePerson(ctx, { ...input, region: input.region ?? guardian.region });
  const refusal = callerMayBeGuardian({ guardianBirthDate: guardian.birthDate, today: ctx.today, coResident: input.coResident });
  if (refusal) throw new AppError(refusal.message, refusal.code, { reason: refusal.reason });
  if (!(await ctx.repo.lookups.takeDocumentLookup(guardian.id, ctx.today, DOCUMENT_LOOKUPS_PER_DAY))) {
    throw new RateLimitedError(`At most ${DOCUMENT_LOOKUPS_PER_DAY} household members can be looked up a day; try again tomorrow`, { reason: 'LOOKUP_BUDGET' });
  }
  return { guardian, valid };
}

/**
 * Adds a household member for the calling resident: person (found or created) and a provisional
 * guardianship, in one transaction. Only a child or an elderly person without a channel of their
 * own is linked this way; anyone else gets the one CONSENT_REQUIRED refusal.
 */
export async function addDependent(ctx: IdentityContext, input: AddDependentInput): Promise<{ dependent: PersonRow; guardian: PersonRow; created: boolean; linked: boolean }> {
  const { repo, principal } = ctx;
  const { guardian, valid } = await householdLookup(ctx, input);
  const guardianId = guardian.id;
  // The document alone says an adult must consent: refused before it is looked up, so the answer
  // cannot depend on whether or under which name it is registered.
  if (!childOrElderly(valid.fields.value.birthDate, ctx.today)) throw consentRequired();
  return repo.transaction(async (tx) => {
    const existing = await repo.persons.personByDocument(valid.documentType, valid.index, tx);
    if (existing && !sameName(existing.name, valid.fields.value.name)) throw consentRequired();
    const { person: dependent, created } = await findOrCreatePerson(ctx, valid, tx);
    await repo.persons.lockPersons([guardianId, dependent.id], tx);
    const current = await repo.household.guardianship(guardianId, dependent.id, tx);
    const verdict = canAddDependent({
      guardianId,
      guardianBirthDate: guardian.birthDate,
      dependentId: dependent.id,
      today: ctx.today,
      coResident: input.coResident,
      dependentsOfGuardian: await repo.household.countActive(guardianId, 'guardian', tx),
      guardiansOfDependent: await repo.household.countActive(dependent.id, 'dependent', tx),
      alreadyLinked: !!current && !current.removedAt,
    });
    if (!verdict.ok) throw new AppError(verdict.message, verdict.code, { reason: verdict.reason });
    if (verdict.change) {
      const ownChannel = !created && (await repo.bindings.hasBinding(dependent.id, tx));
      const consent = consentVerdict({ created, birthDate: dependent.birthDate, today: ctx.today, ownChannel, consented: false });
      if (!consent.ok) throw consentRequired();
      await repo.household.linkGuardian(guardianId, dependent.id, input.relation, consent.basis, tx);
      await repo.audit([auditRecord(principal, 'ADD_DEPENDENT', dependent.id, { guardianId, relation: input.relation, created, basis: consent.basis })], tx);
      await guardianshipChanged(ctx, tx, guardianId, dependent.id, true, input.relation);
    }
    return { dependent, guardian, created, linked: verdict.change };
  }).finally(() => ctx.access.forget());
}

/** Ends a guardianship from either side; it takes effect for the very next request everywhere. */
export async function endGuardianship(ctx: IdentityContext, guardianId: string, dependentId: string, action: 'REMOVE_DEPENDENT' | 'REMOVE_GUARDIAN'): Promise<void> {
  const { repo, principal } = ctx;
  await repo.transaction(async (tx) => {
    const ended = await repo.household.unlinkGuardian(guardianId, dependentId, `${principal.kind}:${principal.subject}:${principal.channelUser ?? ''}`, tx);
    if (!ended) {
      throw new NotFoundError(action === 'REMOVE_DEPENDENT' ? 'That person is not in your household' : 'That person is not your guardian', {
        reason: 'NO_SUCH_GUARDIANSHIP',
      });
    }
    await repo.audit([auditRecord(principal, action, dependentId, { guardianId })], tx);
    await guardianshipChanged(ctx, tx, guardianId, dependentId, false);
  });
  ctx.access.forget();
}
