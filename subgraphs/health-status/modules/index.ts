import { mergeResolvers } from '../../../common/platform/subgraph.js';
import { DateScalar, DateTimeScalar } from '../../../common/platform/scalars.js';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { appealsModule } from './appeals/index.js';
import { checkpointsModule } from './checkpoints/index.js';
import { codesModule } from './codes/index.js';
import { dashboardsModule } from './dashboards/index.js';
import { designationsModule } from './designations/index.js';
import { gridVisitsModule } from './grid-visits/index.js';
import { hotlineModule } from './hotline/index.js';
import { paperCodesModule } from './paper-codes/index.js';
import { placesModule } from './places/index.js';
import { staffModule } from './staff/index.js';

/** health-status's features; each module brings its resolvers, this joins them into one map. */
export const resolvers: Resolvers = mergeResolvers<Resolvers>([
  { Date: DateScalar, DateTime: DateTimeScalar, Person: { __resolveReference: (ref) => ({ id: ref.id }) } },
  codesModule,
  designationsModule,
  checkpointsModule,
  appealsModule,
  paperCodesModule,
  dashboardsModule,
  staffModule,
  hotlineModule,
  gridVisitsModule,
  placesModule,
]);
