import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { checkInAtPlace as checkIn } from '../places.service.js';

export const checkInAtPlace: NonNullable<MutationResolvers['checkInAtPlace']> = (_root, args, ctx) => checkIn(ctx, args.token, args.personId);
