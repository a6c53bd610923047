import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { designatePlaceWindow as designate } from '../places.service.js';

export const designatePlaceWindow: NonNullable<MutationResolvers['designatePlaceWindow']> = (_root, { input }, ctx) => designate(ctx, input);
