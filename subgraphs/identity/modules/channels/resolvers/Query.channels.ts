import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';

export const channels: NonNullable<QueryResolvers['channels']> = (_root, _args, ctx) => ctx.repo.channels.listChannels();
