import type { AppealResolvers } from '../../../__generated__/resolvers-types.js';

export const Appeal: AppealResolvers = {
  person: (a) => ({ id: a.personId }),
};
