import { BadUserInputError } from '../../../../../common/platform/errors.js';
import { sealRef } from '../../../../../common/domain/sealed-ref.js';
import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';
import { validateTicket } from '../../../domain/ticket.js';
import { personByDocumentAndName } from '../lookups.service.js';

/** A caller reference serves one call: long enough to talk the caller through an appeal. */
export const HOTLINE_CALLER_TTL_MS = 30 * 60_000;

export const hotlineCaller: NonNullable<QueryResolvers['hotlineCaller']> = async (_root, { input }, ctx) => {
  const ticket = validateTicket(input.ticket);
  if (!ticket.ok) throw new BadUserInputError(ticket.message, { field: 'input.ticket', reason: 'BAD_TICKET' });
  const person = await personByDocumentAndName(ctx, input, 'HOTLINE_LOOKUP', { operation: 'hotlineCaller', ticket: ticket.ticket });
  const expires = new Date(ctx.clock().getTime() + HOTLINE_CALLER_TTL_MS);
  return { id: sealRef(ctx.secrets.documentIndexKey, 'HOTLINE_CALLER', ctx.principal, { personId: person.id, ticket: ticket.ticket }, expires), ticket: ticket.ticket, person };
};
