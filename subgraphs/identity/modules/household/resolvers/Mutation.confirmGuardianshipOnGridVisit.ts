import { maskName } from '../../../../../common/domain/documents/masking.js';
import { sealRef } from '../../../../../common/domain/sealed-ref.js';
import type { MutationResolvers } from '../../../__generated__/resolvers-types.js';
import { GRID_SUBJECT_TTL_MS } from '../../lookups/resolvers/Query.gridVisitPerson.js';
import { confirmOnGridVisit } from '../grid-visit.service.js';

export const confirmGuardianshipOnGridVisit: NonNullable<MutationResolvers['confirmGuardianshipOnGridVisit']> = async (_root, { request }, ctx) => {
  const { person, requesterName, relation } = await confirmOnGridVisit(ctx, request);
  const expires = new Date(ctx.clock().getTime() + GRID_SUBJECT_TTL_MS);
  return {
    person: { id: sealRef(ctx.secrets.documentIndexKey, 'GRID_SUBJECT', ctx.principal, { personId: person.id }, expires), person },
    guardianMaskedName: maskName(requesterName),
    relation,
  };
};
