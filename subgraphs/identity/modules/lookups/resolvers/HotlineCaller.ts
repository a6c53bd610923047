import { maskName } from '../../../../../common/domain/documents/masking.js';
import { openRef } from '../../../../../common/domain/sealed-ref.js';
import type { HotlineCallerResolvers } from '../../../__generated__/resolvers-types.js';

export const HotlineCaller: HotlineCallerResolvers = {
  // A reference another subgraph answered (an appeal filed for the caller): it opens for the operator it was made for.
  __resolveReference: async (ref, ctx) => {
    const opened = openRef(ctx.secrets.documentIndexKey, 'HOTLINE_CALLER', ctx.principal, ref.id, ctx.clock());
    const person = opened ? await ctx.loaders.person.load(opened.personId) : null;
    return opened && person ? { id: ref.id, ticket: opened.ticket ?? '', person } : null;
  },
  maskedName: (c) => maskName(c.person.name),
  maskedDocumentNumber: (c) => c.person.documentMasked,
};
