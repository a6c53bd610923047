import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { addAppealNote as add } from '../hotline.service.js';

export const addAppealNote: NonNullable<MutationResolvers['addAppealNote']> = (_root, { input }, ctx) => add(ctx, input);
