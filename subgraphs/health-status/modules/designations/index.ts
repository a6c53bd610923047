import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { approveDesignation } from './resolvers/Mutation.approveDesignation.js';
import { designateRisk } from './resolvers/Mutation.designateRisk.js';
import { designateRisks } from './resolvers/Mutation.designateRisks.js';
import { liftRisk } from './resolvers/Mutation.liftRisk.js';
import { riskDesignations } from './resolvers/Person.riskDesignations.js';
import { designationAlerts } from './resolvers/Query.designationAlerts.js';
import { designationReport } from './resolvers/Query.designationReport.js';
import { RiskDesignation } from './resolvers/RiskDesignation.js';

/** Designations: the authority's and partners' reasons for a colour, their approval and lifting, alerts and the transparency report. */
export const designationsModule: Resolvers = {
  Query: { designationAlerts, designationReport },
  Mutation: { designateRisk, designateRisks, approveDesignation, liftRisk },
  Person: { riskDesignations },
  RiskDesignation,
};
