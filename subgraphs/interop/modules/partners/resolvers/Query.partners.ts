import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const partners: NonNullable<QueryResolvers['partners']> = (_root, _args, ctx) => ctx.repo.partners.listPartners();
