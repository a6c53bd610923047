import type { AppealResolvers } from '../../../__generated__/resolvers-types.js';

export const Appeal: AppealResolvers = {
  person: (a) => ({ id: a.personId }),
  source: (a) => a.source,
  notes: async (a, _args, ctx) =>
    (await ctx.loaders.appealNotes.load(a.id)).map((n) => ({ note: n.note, by: n.author.split(':', 1)[0]!.toUpperCase(), ticket: n.ticket, at: n.at })),
};
