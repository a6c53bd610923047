import type { HealthStatusContext } from '../../../context.js';
import type { PlaceCheckInResolvers, PlaceVisitResolvers } from '../../../__generated__/resolvers-types.js';

const place = async (v: { placeId: string }, _args: unknown, ctx: HealthStatusContext) => (await ctx.loaders.places.load(v.placeId))!;

export const PlaceVisit: PlaceVisitResolvers = {
  place,
  // Who visited is the authority's to see (contact tracing); a resident reads their own list.
  person: (v, _args, ctx) => (ctx.principal.kind === 'authority' ? { id: v.personId } : null),
};

export const PlaceCheckIn: PlaceCheckInResolvers = {
  place,
  person: (v) => ({ id: v.personId }),
};
