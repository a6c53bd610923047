import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { recordGridVisit as record } from '../grid-visits.service.js';

export const recordGridVisit: NonNullable<MutationResolvers['recordGridVisit']> = (_root, { input }, ctx) => record(ctx, input);
