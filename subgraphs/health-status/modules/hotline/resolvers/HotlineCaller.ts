import { NotFoundError } from '../../../../../common/platform/errors.js';
import type { HotlineCallerResolvers } from '../../../__generated__/resolvers-types.js';
import type { Reason } from '../../../domain/rules.js';
import type { HealthStatusContext } from '../../../context.js';
import { openCaller, type CallerView } from '../hotline.service.js';

/** Every read of the caller's code is audited with the call's ticket. */
async function code(c: CallerView, ctx: HealthStatusContext, field: string) {
  ctx.audit.record('HOTLINE_READ_CODE', c.personId, { operation: `hotlineCaller.${field}`, ticket: c.ticket });
  const view = await ctx.loaders.codes.load(c.personId);
  if (!view) throw new NotFoundError('This person has no health code yet', { reason: 'UNKNOWN_PERSON' });
  return view.code;
}

export const HotlineCaller: HotlineCallerResolvers = {
  __resolveReference: (ref, ctx) => openCaller(ctx, ref.id),
  color: async (c, _args, ctx) => (await code(c, ctx, 'color')).color,
  reasons: async (c, _args, ctx) => (await code(c, ctx, 'reasons')).reasons as Reason[],
  normalDays: async (c, _args, ctx) => (await code(c, ctx, 'normalDays')).normalDays,
  greenOn: async (c, _args, ctx) => (await code(c, ctx, 'greenOn')).greenOn,
  appeals: async (c, _args, ctx) => {
    ctx.audit.record('HOTLINE_READ_APPEALS', c.personId, { operation: 'hotlineCaller.appeals', ticket: c.ticket });
    return (await ctx.loaders.appeals.load(c.personId)).slice(0, 20);
  },
};
