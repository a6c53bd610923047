import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { submitTravellerStatus as submit } from '../status.service.js';

export const submitTravellerStatus: NonNullable<MutationResolvers['submitTravellerStatus']> = (_root, { input }, ctx) => submit(ctx, input);
