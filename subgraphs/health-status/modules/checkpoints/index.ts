import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { checkpoints as checkpointList } from './resolvers/Query.checkpoints.js';
import { registerCheckpoint } from './resolvers/Mutation.registerCheckpoint.js';
import { verifyCode } from './resolvers/Mutation.verifyCode.js';
import { scans as personScans } from './resolvers/Person.scans.js';
import { scans } from './resolvers/Query.scans.js';
import { Scan } from './resolvers/Scan.js';

/** Checkpoints and their scans: verifying a code at a gate, a measured fever, the tracing record. */
export const checkpointsModule: Resolvers = {
  Query: { scans, checkpoints: checkpointList },
  Mutation: { registerCheckpoint, verifyCode },
  Person: { scans: personScans },
  Scan,
};
