import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { CheckpointScanCount } from './resolvers/CheckpointScanCount.js';
import { colorCounts } from './resolvers/Query.colorCounts.js';
import { scansPerCheckpoint } from './resolvers/Query.scansPerCheckpoint.js';

/** Dashboards: aggregates only, from maintained counts, small numbers suppressed. */
export const dashboardsModule: Resolvers = { Query: { colorCounts, scansPerCheckpoint }, CheckpointScanCount };
