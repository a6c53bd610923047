import { publishEvents } from '../../../../common/events/typed.js';
import { IDENTITY_EVENTS } from '../../../../common/events/contracts.js';
import { auditRecord } from '../../../../common/audit.js';
import type { Executor } from '../../../../common/db.js';
import { AppError, ForbiddenError, NotFoundError } from '../../../../common/errors.js';
import type { IdentityContext } from '../../context.js';
import type { HouseholdRelation, PersonRow } from '../../db/repository.js';
import { consentVerdict } from '../../domain/consent.js';
import { canAddDependent } from '../../domain/household.js';
import { findOrCreatePerson, validatePerson, type PersonInput } from '../persons/persons.service.js';

export interface AddDependentInput extends Omit<PersonInput, 'region'> {
  region?: string | null;
  relation: HouseholdRelation;
  coResident: boolean;
}

export async function guardianshipChanged(ctx: IdentityContext, tx: Executor, guardianId: string, dependentId: string, active: boolean, relation?: string) {
  await publishEvents(ctx.events, tx, [
    { type: IDENTITY_EVENTS.GuardianshipChanged, personId: dependentId, payload: { guardianId, dependentId, active, relation: relation ?? null } },
  ]);
}

/** Adds a household member for the calling resident: person (found or created) and guardianship, in one transaction. */
export async function addDependent(ctx: IdentityContext, input: AddDependentInput): Promise<{ dependent: PersonRow; guardian: PersonRow; created: boolean; linked: boolean }> {
  const { repo, principal } = ctx;
  const guardianId = await ctx.access.me();
  const guardian = (await ctx.loaders.person.load(guardianId))!;
  const valid = validatePerson(ctx, { ...input, region: input.region ?? guardian.region });
  return repo.transaction(async (tx) => {
    const { person: dependent, created } = await findOrCreatePerson(ctx, valid, tx);
    await repo.lockPersons([guardianId, dependent.id], tx);
    const current = await repo.guardianship(guardianId, dependent.id, tx);
    const verdict = canAddDependent({
      guardianId,
      guardianBirthDate: guardian.birthDate,
      dependentId: dependent.id,
      today: ctx.today,
      coResident: input.coResident,
      dependentsOfGuardian: await repo.countActive(guardianId, 'guardian', tx),
      guardiansOfDependent: await repo.countActive(dependent.id, 'dependent', tx),
      alreadyLinked: !!current && !current.removedAt,
    });
    if (!verdict.ok) throw new AppError(verdict.message, verdict.code, { reason: verdict.reason });
    if (verdict.change) {
      const consent = consentVerdict({ created, birthDate: dependent.birthDate, today: ctx.today, consented: false });
      if (!consent.ok) {
        throw new ForbiddenError('This person is registered and must consent first: ask them with requestGuardianship', { reason: consent.reason });
      }
      await repo.linkGuardian(guardianId, dependent.id, input.relation, tx);
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
    const ended = await repo.unlinkGuardian(guardianId, dependentId, `${principal.kind}:${principal.subject}:${principal.channelUser ?? ''}`, tx);
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
