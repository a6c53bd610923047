import { openRef } from '../../../../../common/domain/sealed-ref.js';
import type { StaffMemberResolvers } from '../../../__generated__/resolvers-types.js';

export const StaffMember: StaffMemberResolvers = {
  // Opens only for the employer identity listed the member to, during that read.
  __resolveReference: (ref, ctx) => {
    const opened = openRef(ctx.secrets.documentIndexKey, 'STAFF', ctx.principal, ref.id, ctx.clock());
    return opened ? { id: ref.id, personId: opened.personId } : null;
  },
  color: async (m, _args, ctx) => {
    ctx.audit.record('EMPLOYER_READ_COLOR', m.personId, { operation: 'staff', creditCode: ctx.principal.subject });
    const view = await ctx.loaders.codes.load(m.personId);
    // A member whose registration this subgraph has not applied yet has had nothing happen to them.
    return view?.code.color ?? 'GREEN';
  },
};
