import { DateScalar, DateTimeScalar } from '../../../common/scalars.js';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { HealthCode } from './HealthCode.js';
import { decideAppeal, fileAppeal, issuePaperCode, revokePaperCode } from './Mutation/appeals.js';
import { registerCheckpoint, verifyCode } from './Mutation/checkpoints.js';
import { designateRisk, designateRisks, liftRisk } from './Mutation/designations.js';
import { Person } from './Person.js';
import { Query } from './Query.js';
import { Appeal, CheckpointScanCount, PaperCode, Scan } from './types.js';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: DateTimeScalar,
  Query,
  Mutation: { designateRisk, designateRisks, liftRisk, registerCheckpoint, verifyCode, fileAppeal, decideAppeal, issuePaperCode, revokePaperCode },
  Person,
  HealthCode,
  Scan,
  Appeal,
  PaperCode,
  CheckpointScanCount,
};
