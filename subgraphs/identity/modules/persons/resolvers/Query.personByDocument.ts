import { documentIndex } from '../../../../../common/platform/crypto.js';
import { BadUserInputError } from '../../../../../common/platform/errors.js';
import type { QueryResolvers } from '../../../__generated__/resolvers-types.js';
import { validateDocument } from '../../../../../common/domain/documents/index.js';

export const personByDocument: NonNullable<QueryResolvers['personByDocument']> = async (_root, args, ctx) => {
  const doc = validateDocument(args.type, args.number, ctx.today);
  if (!doc.ok) throw new BadUserInputError(doc.message, { field: 'number', reason: doc.reason });
  const row = await ctx.repo.persons.personByDocument(args.type, documentIndex(ctx.secrets.documentIndexKey, args.type, doc.value.number));
  ctx.audit.record('LOOKUP_DOCUMENT', row?.id ?? null, { documentType: args.type, found: !!row });
  if (row) ctx.loaders.person.prime(row.id, row);
  return row ?? null;
};
