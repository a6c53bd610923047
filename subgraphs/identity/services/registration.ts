import { encrypt, documentIndex } from '../../../common/crypto.js';
import { auditRecord } from '../../../common/audit.js';
import { BadUserInputError, ConflictError } from '../../../common/errors.js';
import { newId } from '../../../common/ids.js';
import type { IdentityContext } from '../context.js';
import type { PersonRow } from '../db/repository.js';
import type { RegisterPersonInput } from '../__generated__/resolvers-types.js';
import { validateDocument, type DocumentType } from '../domain/documents.js';
import { maskDocumentNumber, maskPhone } from '../domain/masking.js';
import { isGuangxiRegion } from '../domain/regions.js';
import { sameName, validatePersonFields } from '../domain/person.js';

export interface Registration {
  person: PersonRow;
  created: boolean;
}

/**
 * Registers the calling channel user, or binds them to the person who already holds the document.
 * Everything happens in one transaction: person, binding and audit row, or nothing.
 */
export async function registerPerson(ctx: IdentityContext, input: RegisterPersonInput): Promise<Registration> {
  const { principal, repo, secrets, today } = ctx;
  const channelUser = principal.channelUser!;
  const documentType = (input.documentType ?? 'RESIDENT_ID') as DocumentType;

  const doc = validateDocument(documentType, input.documentNumber, today);
  if (!doc.ok) throw new BadUserInputError(doc.message, { field: 'input.documentNumber', reason: doc.reason });
  const fields = validatePersonFields({ ...input, documentType }, doc.value, today);
  if (!fields.ok) throw new BadUserInputError(fields.message, { field: `input.${fields.field}`, reason: fields.reason });
  if (!isGuangxiRegion(input.region)) {
    throw new BadUserInputError(`region ${input.region} is not a GB/T 2260 division of the province`, {
      field: 'input.region',
      reason: 'BAD_REGION',
    });
  }

  const index = documentIndex(secrets.documentIndexKey, documentType, doc.value.number);
  return repo.transaction(async (tx) => {
    const bound = await repo.bindingOf(principal.subject, channelUser, tx);
    const existing = await repo.personByDocument(documentType, index, tx);
    if (bound && bound.personId !== existing?.id) {
      throw new ConflictError('This channel user is already registered as another person', { reason: 'CHANNEL_USER_BOUND' });
    }
    if (existing && !sameName(existing.name, fields.value.name)) {
      throw new ConflictError('This document is registered under another name', { reason: 'IDENTITY_MISMATCH' });
    }
    const { person, created } = existing
      ? { person: existing, created: false }
      : await repo.insertPersonIfAbsent(
          {
            id: newId(),
            name: fields.value.name,
            sex: fields.value.sex,
            documentType,
            documentIndex: index,
            documentCipher: encrypt(secrets.documentEncryptionKey, doc.value.number, documentType),
            documentMasked: maskDocumentNumber(documentType, doc.value.number),
            birthDate: fields.value.birthDate,
            region: input.region,
            address: fields.value.address,
            phoneCipher: fields.value.phone ? encrypt(secrets.documentEncryptionKey, fields.value.phone, 'PHONE') : null,
            phoneMasked: fields.value.phone ? maskPhone(fields.value.phone) : null,
          },
          tx,
        );
    // A concurrent registration may have created the person between our read and our insert.
    if (!created && !sameName(person.name, fields.value.name)) {
      throw new ConflictError('This document is registered under another name', { reason: 'IDENTITY_MISMATCH' });
    }
    if (!bound) {
      const binding = await repo.bind(principal.subject, channelUser, person.id, tx);
      if (binding.personId !== person.id) {
        throw new ConflictError('This channel user is already registered as another person', { reason: 'CHANNEL_USER_BOUND' });
      }
      await repo.audit([auditRecord(principal, created ? 'REGISTER_PERSON' : 'BIND_CHANNEL_USER', person.id, { channel: principal.subject })], tx);
    }
    return { person, created };
  });
}
