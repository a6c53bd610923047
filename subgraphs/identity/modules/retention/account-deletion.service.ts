import { auditRecord } from '../../../../common/platform/audit.js';
import { IDENTITY_EVENTS } from '../../../../common/platform/events/contracts.js';
import { publishEvents } from '../../../../common/platform/events/typed.js';
import { retentionRules, type RetentionRule } from '../../../../common/domain/retention.js';
import type { IdentityContext } from '../../context.js';

export interface AccountDeletion {
  deletedAt: string;
  bindingsEnded: number;
  kept: RetentionRule[];
}

/**
 * The signed-in resident deletes their account: identity erases the person and everything that
 * links anyone to them, and in the same transaction audits the counts and publishes what ended
 * (each binding, each guardianship, then PersonDeleted), so every subgraph deletes its own copy.
 */
export async function deleteMyAccount(ctx: IdentityContext): Promise<AccountDeletion> {
  const { repo, principal } = ctx;
  const personId = await ctx.access.me();
  const at = ctx.clock().toISOString();
  const erased = await repo.transaction(async (tx) => {
    const e = await repo.retention.erasePerson(personId, tx);
    await repo.audit([auditRecord(principal, 'ACCOUNT_DELETED', personId, { deleted: e.deleted })], tx);
    await publishEvents(ctx.events, tx, [
      ...e.bindings.map((b) => ({ type: IDENTITY_EVENTS.ChannelUserUnbound, personId, payload: { personId, channel: b.channel, channelUser: b.channelUser } })),
      ...e.guardianships.map((g) => ({ type: IDENTITY_EVENTS.GuardianshipChanged, personId: g.dependentId, payload: { ...g, active: false, relation: null } })),
      { type: IDENTITY_EVENTS.PersonDeleted, personId, payload: { personId, at } },
    ]);
    return e;
  });
  ctx.loaders.person.clear(personId);
  ctx.loaders.bindings.clear(personId);
  ctx.access.forget();
  return { deletedAt: at, bindingsEnded: erased.bindings.length, kept: retentionRules(ctx.retentionPolicy).filter((r) => r.keptAfterAccountDeletion) };
}
