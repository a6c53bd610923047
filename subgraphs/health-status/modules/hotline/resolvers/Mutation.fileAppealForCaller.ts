import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { fileAppealForCaller as file } from '../hotline.service.js';

export const fileAppealForCaller: NonNullable<MutationResolvers['fileAppealForCaller']> = (_root, { input }, ctx) => file(ctx, input);
