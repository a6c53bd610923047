import type { PlaceHourCountResolvers, PlaceWindowResolvers } from '../../../__generated__/resolvers-types.js';
import type { DesignationBasisKind } from '../../../__generated__/resolvers-types.js';

export const PlaceWindow: PlaceWindowResolvers = {
  place: async (w, _args, ctx) => (await ctx.loaders.places.load(w.placeId))!,
  basisKind: (w) => w.basisKind as DesignationBasisKind,
};

export const PlaceHourCount: PlaceHourCountResolvers = {
  place: async (c, _args, ctx) => (await ctx.loaders.places.load(c.placeId))!,
};
