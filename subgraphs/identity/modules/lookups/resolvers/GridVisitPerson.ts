import { maskName } from '../../../../../common/domain/documents/masking.js';
import { openRef } from '../../../../../common/domain/sealed-ref.js';
import type { GridVisitPersonResolvers } from '../../../__generated__/resolvers-types.js';
import { pendingRequestsOnGridVisit } from '../../household/grid-visit.service.js';

export const GridVisitPerson: GridVisitPersonResolvers = {
  // The visit recorded by the health code service names the person by a fresh reference for this checkpoint.
  __resolveReference: async (ref, ctx) => {
    const opened = openRef(ctx.secrets.documentIndexKey, 'GRID_SUBJECT', ctx.principal, ref.id, ctx.clock());
    const person = opened ? await ctx.loaders.person.load(opened.personId) : null;
    return person ? { id: ref.id, person } : null;
  },
  maskedName: (v) => maskName(v.person.name),
  pendingGuardianshipRequests: (v, _args, ctx) => pendingRequestsOnGridVisit(ctx, v.person),
};
