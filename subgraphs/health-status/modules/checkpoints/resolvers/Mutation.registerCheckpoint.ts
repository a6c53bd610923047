import { BadUserInputError } from '../../../../../common/platform/errors.js';
import { newId } from '../../../../../common/platform/ids.js';
import { isGuangxiRegion } from '../../../../../common/domain/regions/index.js';
import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';

export const registerCheckpoint: NonNullable<MutationResolvers['registerCheckpoint']> = async (_root, { input }, ctx) => {
  const name = input.name.trim();
  if (!name || name.length > 50) throw new BadUserInputError('name must be 1-50 characters', { field: 'input.name', reason: 'BAD_NAME' });
  if (!isGuangxiRegion(input.region)) throw new BadUserInputError(`region ${input.region} is not in the province`, { field: 'input.region', reason: 'BAD_REGION' });
  return ctx.repo.checkpoints.insertCheckpoint({ id: newId(), name, kind: input.kind, region: input.region, address: input.address?.trim() || null, createdBy: `${ctx.principal.kind}:${ctx.principal.subject}` });
};
