import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { importLegacyRecords as importRecords } from '../legacy-records.service.js';

export const importLegacyRecords: NonNullable<MutationResolvers['importLegacyRecords']> = (_root, { vendor, records }, ctx) => importRecords(ctx, vendor, records);
