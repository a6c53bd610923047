import { auditRecord } from '../../../../common/platform/audit.js';
import type { Executor } from '../../../../common/platform/db.js';
import { ForbiddenError, NotFoundError } from '../../../../common/platform/errors.js';
import { IDENTITY_EVENTS } from '../../../../common/platform/events/contracts.js';
import { publishEvents } from '../../../../common/platform/events/typed.js';
import type { VerificationMethod } from '../../../../common/domain/verification.js';
import type { IdentityContext } from '../../context.js';
import type { BindingRow, ChannelRow, PersonRow } from '../../db/repository.js';
import { bindingVerdict } from '../../domain/binding.js';

/** What a registering channel asserts when it leaves `verification` out: the document alone. */
export const ASSERTED_BY_DEFAULT: VerificationMethod = 'DOCUMENT';

/**
 * Binds the calling channel user to the person registration found or created, recording the
 * real-name check the channel asserts. A further channel reaching an existing person must assert at
 * least what the authority requires (domain/binding.ts). The refusal says no more than the bind
 * would have: the name already matched the document, and it names neither the level required nor
 * the channels the person uses.
 */
export async function bindChannelUser(ctx: IdentityContext, p: { person: PersonRow; created: boolean; verification: VerificationMethod | null | undefined }, tx: Executor): Promise<BindingRow> {
  const { repo, principal } = ctx;
  const asserted = p.verification ?? ASSERTED_BY_DEFAULT;
  if (!p.created) {
    const firstBinding = ctx.bindingPolicy === 'FIRST_BINDING' ? await repo.channels.firstBindingOf(p.person.id, tx) : null;
    const verdict = bindingVerdict({ created: false, asserted, firstBinding, policy: ctx.bindingPolicy });
    if (!verdict.ok) {
      throw new ForbiddenError('This resident is registered through another channel: bind them after a stronger real-name check (input.verification)', {
        reason: verdict.reason,
        field: 'input.verification',
      });
    }
  }
  return repo.bindings.bind(principal.subject, principal.channelUser!, p.person.id, asserted, tx);
}

/**
 * Ends the signed-in resident's binding to another channel: audited (the person's access log shows
 * it, under that channel's name) and published, so every subgraph forgets the user at its next read.
 */
export async function unbindChannel(ctx: IdentityContext, channel: string): Promise<{ personId: string; channel: ChannelRow }> {
  const { repo, principal } = ctx;
  const personId = await ctx.access.me();
  // Ending the binding in use would sign the resident out of the app they are holding, with no way back but to register again.
  if (channel === principal.subject) {
    throw new ForbiddenError('This is the channel you are using: end its binding from another channel', { reason: 'BINDING_IN_USE' });
  }
  const notBound = () => new NotFoundError('You have no binding to that channel', { reason: 'NOT_BOUND' });
  // A binding's channel is a registered one (foreign key): an unknown code has none to end.
  const known = (await ctx.loaders.channels()).find((c) => c.code === channel);
  if (!known) throw notBound();
  await repo.transaction(async (tx) => {
    const ended = await repo.channels.unbind(personId, channel, tx);
    if (!ended.length) throw notBound();
    await repo.audit([auditRecord(principal, 'UNBIND_CHANNEL_USER', personId, { channel, organisation: known.name, channelUsers: ended })], tx);
    await publishEvents(
      ctx.events,
      tx,
      ended.map((channelUser) => ({ type: IDENTITY_EVENTS.ChannelUserUnbound, personId, payload: { personId, channel, channelUser } })),
    );
  });
  ctx.loaders.bindings.clear(personId);
  return { personId, channel: known };
}
