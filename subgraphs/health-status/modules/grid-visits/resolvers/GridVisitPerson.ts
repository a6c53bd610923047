import type { GridVisitPersonResolvers } from '../../../__generated__/resolvers-types.js';
import { openGridSubject } from '../grid-visits.service.js';

export const GridVisitPerson: GridVisitPersonResolvers = {
  __resolveReference: (ref, ctx) => openGridSubject(ctx, ref.id),
  color: async (s, _args, ctx) => {
    ctx.audit.record('GRID_READ_COLOR', s.personId, { operation: 'gridVisitPerson.color', checkpointId: ctx.principal.subject });
    return (await ctx.loaders.codes.load(s.personId))?.code.color ?? 'GREEN';
  },
};
