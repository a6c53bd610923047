import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { designateRisk } from './resolvers/Mutation.designateRisk.js';
import { designateRisks } from './resolvers/Mutation.designateRisks.js';
import { liftRisk } from './resolvers/Mutation.liftRisk.js';
import { riskDesignations } from './resolvers/Person.riskDesignations.js';

/** Designations: the authority's and partners' reasons for a colour, and their lifting. */
export const designationsModule: Resolvers = { Mutation: { designateRisk, designateRisks, liftRisk }, Person: { riskDesignations } };
