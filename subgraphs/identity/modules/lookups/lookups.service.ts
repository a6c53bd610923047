import { documentIndex } from '../../../../common/platform/crypto.js';
import { validateDocument, type DocumentType } from '../../../../common/domain/documents/index.js';
import { BadUserInputError, NotFoundError } from '../../../../common/platform/errors.js';
import type { IdentityContext } from '../../context.js';
import type { PersonRow } from '../../db/repository.js';
import { sameName } from '../../domain/person.js';

/** Compared against when nobody holds the document, so a miss does the same work as a mismatch. */
const NOBODY = '\u0000';

/**
 * The person holding this document under this name. An unknown document and a name that does not
 * match answer the same NOT_FOUND after the same statement and the same comparison, so neither the
 * answer nor its timing tells which half was wrong. Audited either way, with `detail`.
 */
export async function personByDocumentAndName(
  ctx: IdentityContext,
  input: { documentType?: DocumentType | null; documentNumber: string; name: string },
  action: string,
  detail: Record<string, unknown>,
): Promise<PersonRow> {
  const documentType = input.documentType ?? 'RESIDENT_ID';
  const doc = validateDocument(documentType, input.documentNumber, ctx.today);
  if (!doc.ok) throw new BadUserInputError(doc.message, { field: 'input.documentNumber', reason: doc.reason });
  const row = await ctx.repo.persons.personByDocument(documentType, documentIndex(ctx.secrets.documentIndexKey, documentType, doc.value.number));
  const matches = sameName(row?.name ?? NOBODY, input.name);
  const found = row && matches ? row : undefined;
  ctx.audit.record(action, found?.id ?? null, { ...detail, documentType, found: !!found });
  if (!found) throw new NotFoundError('No person with this document number and name', { reason: 'NO_SUCH_PERSON' });
  ctx.loaders.person.prime(found.id, found);
  return found;
}
