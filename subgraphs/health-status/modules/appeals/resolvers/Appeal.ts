import { ForbiddenError } from '../../../../../common/platform/errors.js';
import type { AppealResolvers } from '../../../__generated__/resolvers-types.js';

export const Appeal: AppealResolvers = {
  // A hotline operator reaches appeals through a caller reference only, never through a person id.
  person: (a, _args, ctx) => {
    if (ctx.principal.kind === 'hotline') throw new ForbiddenError('The hotline sees a caller through hotlineCaller, not as a Person', { reason: 'NO_PERSON_ID' });
    return { id: a.personId };
  },
  source: (a) => a.source,
  notes: async (a, _args, ctx) =>
    (await ctx.loaders.appealNotes.load(a.id)).map((n) => ({ note: n.note, by: n.author.split(':', 1)[0]!.toUpperCase(), ticket: n.ticket, at: n.at })),
};
