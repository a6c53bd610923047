import { publishEvents } from '../../../../common/platform/events/typed.js';
import { IDENTITY_EVENTS } from '../../../../common/platform/events/contracts.js';
import { auditRecord } from '../../../../common/platform/audit.js';
import { ConflictError } from '../../../../common/platform/errors.js';
import type { VerificationMethod } from '../../../../common/domain/verification.js';
import type { IdentityContext } from '../../context.js';
import { bindChannelUser } from '../channels/bindings.service.js';
import type { PersonRow } from '../../db/repository.js';
import { claimOwnRecord } from '../household/own-registration.service.js';
import { findOrCreatePerson, validatePerson, type PersonInput } from './persons.service.js';

export interface Registration {
  person: PersonRow;
  created: boolean;
}

const boundElsewhere = () => new ConflictError('This channel user is already registered as another person', { reason: 'CHANNEL_USER_BOUND' });

/**
 * Registers the calling channel user, or binds them to the person who already holds the document.
 * One transaction: person, binding, audit row and events, or nothing.
 */
export async function registerPerson(ctx: IdentityContext, input: PersonInput & { verification?: { method: VerificationMethod } | null }): Promise<Registration> {
  const { principal, repo } = ctx;
  const channelUser = principal.channelUser!;
  const valid = validatePerson(ctx, input);
  return repo.transaction(async (tx) => {
    const bound = await repo.bindings.bindingOf(principal.subject, channelUser, tx);
    const existing = await repo.persons.personByDocument(valid.documentType, valid.index, tx);
    if (bound && bound.personId !== existing?.id) throw boundElsewhere();
    // The holder's own registration wins over a record someone else typed in (issue 21).
    if (existing && !bound) await claimOwnRecord(ctx, tx, existing, valid);
    const { person, created } = await findOrCreatePerson(ctx, valid, tx);
    if (!bound) {
      const binding = await bindChannelUser(ctx, { person, created, verification: input.verification?.method }, tx);
      if (binding.personId !== person.id) throw boundElsewhere();
      await repo.audit([auditRecord(principal, created ? 'REGISTER_PERSON' : 'BIND_CHANNEL_USER', person.id, { channel: principal.subject })], tx);
      await publishEvents(ctx.events, tx, [
        { type: IDENTITY_EVENTS.ChannelUserBound, personId: person.id, payload: { personId: person.id, channel: principal.subject, channelUser } },
      ]);
    }
    return { person, created };
  });
}
