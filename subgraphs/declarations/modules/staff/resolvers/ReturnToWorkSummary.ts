import { suppressSmallCounts } from '../../../../../common/aggregates.js';
import { openRef } from '../../../../../common/sealed-ref.js';
import type { ReturnToWorkSummaryResolvers } from '../../../__generated__/resolvers-types.js';

export const ReturnToWorkSummary: ReturnToWorkSummaryResolvers = {
  // Counts today's declarations of the members identity sealed for this employer and this read.
  __resolveReference: async (ref, ctx) => {
    const opened = 'members' in ref && typeof ref.members === 'string' ? openRef(ctx.secrets.documentIndexKey, 'STAFF', ctx.principal, ref.members, ctx.clock()) : null;
    if (!opened) return null;
    const ids = opened.personId.split(',').filter(Boolean);
    const declared = ids.length ? (await ctx.loaders.today.loadMany(ids)).filter((d) => d && !(d instanceof Error)).length : 0;
    // The complement is published by subtraction from the staff total: both cells are suppressed as one row.
    const cells = suppressSmallCounts({ declared, notDeclared: ids.length - declared }, { totalPublished: true });
    ctx.audit.record('EMPLOYER_SUMMARY', null, { operation: 'returnToWorkSummary', creditCode: ctx.principal.subject, staff: ids.length });
    const rate = ids.length && cells.declared !== null && cells.notDeclared !== null ? declared / ids.length : null;
    return { id: ref.id, declaredToday: cells.declared, declaredTodayRate: rate };
  },
};
