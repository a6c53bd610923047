import { openRef } from '../../../../../common/domain/sealed-ref.js';
import type { StaffMemberResolvers } from '../../../__generated__/resolvers-types.js';

export const StaffMember: StaffMemberResolvers = {
  // Opens only for the employer identity listed the member to, during that read.
  __resolveReference: (ref, ctx) => {
    const opened = openRef(ctx.secrets.documentIndexKey, 'STAFF', ctx.principal, ref.id, ctx.clock());
    return opened ? { id: ref.id, personId: opened.personId } : null;
  },
  declaredToday: async (m, _args, ctx) => {
    ctx.audit.record('EMPLOYER_READ_DECLARED_TODAY', m.personId, { operation: 'staff', creditCode: ctx.principal.subject });
    return !!(await ctx.loaders.today.load(m.personId));
  },
};
