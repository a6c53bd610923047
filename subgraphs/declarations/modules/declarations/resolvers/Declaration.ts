import type { DeclarationResolvers } from '../../../__generated__/resolvers-types.js';

export const Declaration: DeclarationResolvers = {
  date: (d) => d.localDate,
  temperature: (d) => Number(d.temperature),
  submittedBy: (d) => ({ id: d.submittedBy ?? d.personId }),
  channel: (d) => ({ code: d.channel ?? 'unknown' }),
  versions: (d, _args, ctx) => ctx.loaders.versions.load(`${d.personId}|${d.localDate}`),
};
