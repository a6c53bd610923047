import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { submitDeclaration as submit } from '../submit.service.js';

export const submitDeclaration: NonNullable<MutationResolvers['submitDeclaration']> = async (_root, { input }, ctx) => {
  const declaration = await submit(ctx, input);
  return { declaration, person: { id: declaration.personId } };
};
