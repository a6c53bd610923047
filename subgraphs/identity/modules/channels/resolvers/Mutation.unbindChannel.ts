import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { unbindChannel as unbind } from '../bindings.service.js';

export const unbindChannel: NonNullable<MutationResolvers['unbindChannel']> = async (_root, args, ctx) => {
  const { personId, channel } = await unbind(ctx, args.channel);
  return { person: (await ctx.loaders.person.load(personId))!, channel };
};
