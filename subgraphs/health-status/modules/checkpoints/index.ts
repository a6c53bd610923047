import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { checkpoints as checkpointList } from './resolvers/Query.checkpoints.js';
import { recordRoadCheck } from './resolvers/Mutation.recordRoadCheck.js';
import { registerCheckpoint } from './resolvers/Mutation.registerCheckpoint.js';
import { myCheckpoint } from './resolvers/Query.myCheckpoint.js';
import { verifyCode } from './resolvers/Mutation.verifyCode.js';
import { scans as personScans } from './resolvers/Person.scans.js';
import { scans } from './resolvers/Query.scans.js';
import { Scan } from './resolvers/Scan.js';

/** Checkpoints and their scans: verifying a code at a gate, a measured fever, road checks, the tracing record. */
export const checkpointsModule: Resolvers = {
  Query: { scans, checkpoints: checkpointList, myCheckpoint },
  Mutation: { registerCheckpoint, verifyCode, recordRoadCheck },
  Person: { scans: personScans },
  Scan,
};
