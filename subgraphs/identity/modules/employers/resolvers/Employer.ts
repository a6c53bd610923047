import type { EmployerResolvers } from '../../../__generated__/resolvers-types.js';
import { regionName } from '../../../../../common/domain/regions/index.js';

export const Employer: EmployerResolvers = {
  region: (e) => ({ code: e.region, name: regionName(e.region) ?? e.region }),
};
