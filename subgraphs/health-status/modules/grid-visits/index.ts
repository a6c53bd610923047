import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { GridVisitPerson } from './resolvers/GridVisitPerson.js';
import { recordGridVisit } from './resolvers/Mutation.recordGridVisit.js';

/** Grid workers' door-to-door visits: the visited person's colour, the visit with its temperature. */
export const gridVisitsModule: Resolvers = {
  Mutation: { recordGridVisit },
  GridVisitPerson,
};
