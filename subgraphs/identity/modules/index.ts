import { DateScalar, DateTimeScalar } from '../../../common/platform/scalars.js';
import { mergeResolvers } from '../../../common/platform/subgraph.js';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { accessLogModule } from './access-log/index.js';
import { channelsModule } from './channels/index.js';
import { employersModule } from './employers/index.js';
import { householdModule } from './household/index.js';
import { legacyModule } from './legacy/index.js';
import { lookupsModule } from './lookups/index.js';
import { personsModule } from './persons/index.js';
import { retentionModule } from './retention/index.js';

/** identity's features; each module brings its resolvers, this joins them into one map. */
export const resolvers: Resolvers = mergeResolvers<Resolvers>([
  { Date: DateScalar, DateTime: DateTimeScalar },
  personsModule,
  householdModule,
  channelsModule,
  employersModule,
  lookupsModule,
  accessLogModule,
  legacyModule,
  retentionModule,
]);
