import { sealRef } from '../../../../../common/domain/sealed-ref.js';
import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';
import { personByDocumentAndName } from '../lookups.service.js';

/** A visit's reference lives while the grid worker is at the door. */
export const GRID_SUBJECT_TTL_MS = 10 * 60_000;

export const gridVisitPerson: NonNullable<QueryResolvers['gridVisitPerson']> = async (_root, { input }, ctx) => {
  const person = await personByDocumentAndName(ctx, input, 'GRID_LOOKUP', { operation: 'gridVisitPerson', checkpointId: ctx.principal.subject });
  const expires = new Date(ctx.clock().getTime() + GRID_SUBJECT_TTL_MS);
  return { id: sealRef(ctx.secrets.documentIndexKey, 'GRID_SUBJECT', ctx.principal, { personId: person.id }, expires), person };
};
