import { pageSize } from '../../../../../common/platform/pagination.js';
import { auditRows } from '../../shared/audit.js';
import type { PersonResolvers } from '../../../__generated__/resolvers-types.js';

// Lists stay bounded (SPEC §7); the loader answers newest first.
export const riskDesignations: NonNullable<PersonResolvers['riskDesignations']> = async (person, args, ctx) => {
  const rows = (await ctx.loaders.designations.load(person.id)).slice(0, pageSize(args.first, 50));
  auditRows(ctx, [{ personId: person.id }], 'riskDesignations');
  return rows;
};
