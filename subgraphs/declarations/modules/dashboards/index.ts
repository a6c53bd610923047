import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { declarationsPerDay } from './resolvers/Query.declarationsPerDay.js';

/** The authority's dashboard: declarations per day, from the maintained counters. */
export const dashboardsModule: Resolvers = { Query: { declarationsPerDay } };
