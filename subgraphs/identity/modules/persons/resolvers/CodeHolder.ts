import { openCodeHolder } from '../../../../../common/domain/code-holder.js';
import { maskName } from '../../../../../common/domain/documents/masking.js';
import type { CodeHolderResolvers } from '../../../__generated__/resolvers-types.js';

export const CodeHolder: CodeHolderResolvers = {
  __resolveReference: async (ref, ctx) => {
    const personId = openCodeHolder(ctx.secrets.documentIndexKey, ref.id);
    const person = personId ? await ctx.loaders.person.load(personId) : null;
    return person ? { id: ref.id, person } : null;
  },
  id: (h) => h.id,
  maskedName: (h) => maskName(h.person.name),
  displayName: (h) => maskName(h.person.name),
};
