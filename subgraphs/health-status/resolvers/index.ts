import { DateTimeScalar } from '../../../common/scalars.js';
import type { Resolvers } from '../__generated__/resolvers-types.js';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Person: {
    __resolveReference: (ref) => ({ id: ref.id }),
    riskDesignations: (person, _args, ctx) => ctx.loaders.designations.load(person.id),
  },
};
