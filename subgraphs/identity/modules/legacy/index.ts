import type { Resolvers } from '../../__generated__/resolvers-types.js';
import { LegacyConflict } from './resolvers/LegacyConflict.js';
import { importLegacyRecords } from './resolvers/Mutation.importLegacyRecords.js';
import { legacyConflicts } from './resolvers/Query.legacyConflicts.js';

/** The legacy vendors' records (八码归一): the import and the conflicts it leaves for review. */
export const legacyModule: Resolvers = { Query: { legacyConflicts }, Mutation: { importLegacyRecords }, LegacyConflict };
