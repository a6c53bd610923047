import type { PaperCodeResolvers } from '../../../__generated__/resolvers-types.js';

export const PaperCode: PaperCodeResolvers = {
  // Only the issuing call carries the token; stored rows never hold it.
  token: (p) => ('token' in p && typeof p.token === 'string' ? p.token : null),
};
