import { DateScalar, DateTimeScalar } from '../../../common/platform/scalars.js';
import { mergeResolvers } from '../../../common/platform/subgraph.js';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { dashboardsModule } from './dashboards/index.js';
import { declarationsModule } from './declarations/index.js';
import { staffModule } from './staff/index.js';

/** declarations' features; each module brings its resolvers, this joins them into one map. */
export const resolvers: Resolvers = mergeResolvers<Resolvers>([{ Date: DateScalar, DateTime: DateTimeScalar }, declarationsModule, dashboardsModule, staffModule]);
