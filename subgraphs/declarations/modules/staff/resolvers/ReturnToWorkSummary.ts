import { suppressBesidePublishedTotal } from '../../../../../common/domain/aggregates.js';
import { openStaffList } from '../../../../../common/domain/sealed-ref.js';
import type { ReturnToWorkSummaryResolvers } from '../../../__generated__/resolvers-types.js';

export const ReturnToWorkSummary: ReturnToWorkSummaryResolvers = {
  // Counts today's declarations of the members identity sealed for this employer and this read.
  __resolveReference: async (ref, ctx) => {
    const ids = openStaffList(ctx.secrets.documentIndexKey, ctx.principal, 'members' in ref ? ref.members : null, ctx.clock());
    if (!ids) return null;
    const declared = ids.length ? (await ctx.loaders.today.loadMany(ids)).filter((d) => d && !(d instanceof Error)).length : 0;
    // The complement is published by subtraction from the staff total: both cells are suppressed as one row.
    const cells = suppressBesidePublishedTotal({ declared, notDeclared: ids.length - declared });
    ctx.audit.record('EMPLOYER_SUMMARY', null, { operation: 'returnToWorkSummary', creditCode: ctx.principal.subject, staff: ids.length });
    const rate = ids.length && cells.declared !== null && cells.notDeclared !== null ? declared / ids.length : null;
    return { id: ref.id, declaredToday: cells.declared, declaredTodayRate: rate };
  },
};
