import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { GridVisitPerson } from './resolvers/GridVisitPerson.js';
import { HotlineCaller } from './resolvers/HotlineCaller.js';
import { gridVisitPerson } from './resolvers/Query.gridVisitPerson.js';
import { hotlineCaller } from './resolvers/Query.hotlineCaller.js';

/** Finding one person by document and name together: the 12345 hotline and grid workers' visits. */
export const lookupsModule: Resolvers = {
  Query: { hotlineCaller, gridVisitPerson },
  HotlineCaller,
  GridVisitPerson,
};
