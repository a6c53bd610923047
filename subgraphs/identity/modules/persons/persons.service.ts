import { publishEvents } from '../../../../common/platform/events/typed.js';
import { IDENTITY_EVENTS } from '../../../../common/platform/events/contracts.js';
import { encrypt, documentIndex } from '../../../../common/platform/crypto.js';
import type { Executor } from '../../../../common/platform/db.js';
import { BadUserInputError, ConflictError } from '../../../../common/platform/errors.js';
import { newId } from '../../../../common/platform/ids.js';
import type { IdentityContext } from '../../context.js';
import type { PersonRow } from '../../db/repository.js';
import { validateDocument, type DocumentType } from '../../../../common/domain/documents/index.js';
import { maskDocumentNumber, maskPhone } from '../../../../common/domain/documents/masking.js';
import { sameName, validatePersonFields, type PersonFieldsInput } from '../../domain/person.js';
import { isGuangxiCounty } from '../../../../common/domain/regions/index.js';

export interface PersonInput extends Omit<PersonFieldsInput, 'documentType'> {
  documentType?: DocumentType | null;
  documentNumber: string;
  region: string;
}

export interface ValidPerson {
  documentType: DocumentType;
  number: string;
  index: string;
  fields: ReturnType<typeof validatePersonFields> & { ok: true };
  region: string;
}

/** Validates a person's input completely before any SQL runs; throws BAD_USER_INPUT naming the field. */
export function validatePerson(ctx: IdentityContext, input: PersonInput, path = 'input'): ValidPerson {
  const documentType = input.documentType ?? 'RESIDENT_ID';
  const doc = validateDocument(documentType, input.documentNumber, ctx.today);
  if (!doc.ok) throw new BadUserInputError(doc.message, { field: `${path}.documentNumber`, reason: doc.reason });
  const fields = validatePersonFields({ ...input, documentType }, doc.value, ctx.today);
  if (!fields.ok) throw new BadUserInputError(fields.message, { field: `${path}.${fields.field}`, reason: fields.reason });
  // A residence is a county-level division: the province (450000) or a whole city says nowhere.
  if (!isGuangxiCounty(input.region)) {
    throw new BadUserInputError(`region ${input.region} is not a county-level GB/T 2260 division of the province (district, county or county-level city)`, {
      field: `${path}.region`,
      reason: 'BAD_REGION',
    });
  }
  const index = documentIndex(ctx.secrets.documentIndexKey, documentType, doc.value.number);
  return { documentType, number: doc.value.number, index, fields, region: input.region };
}

/**
 * The person holding the document: found (the name must match, or someone is claiming another's
 * document) or created, with a PersonRegistered event in the same transaction.
 */
export async function findOrCreatePerson(ctx: IdentityContext, p: ValidPerson, tx: Executor): Promise<{ person: PersonRow; created: boolean }> {
  const { repo, secrets } = ctx;
  const f = p.fields.value;
  const existing = await repo.persons.personByDocument(p.documentType, p.index, tx);
  const { person, created } = existing
    ? { person: existing, created: false }
    : await repo.persons.insertPersonIfAbsent(
        {
          id: newId(),
          name: f.name,
          sex: f.sex,
          documentType: p.documentType,
          documentIndex: p.index,
          documentCipher: encrypt(secrets.documentEncryptionKey, p.number, p.documentType),
          documentMasked: maskDocumentNumber(p.documentType, p.number),
          birthDate: f.birthDate,
          region: p.region,
          address: f.address,
          phoneCipher: f.phone ? encrypt(secrets.documentEncryptionKey, f.phone, 'PHONE') : null,
          phoneMasked: f.phone ? maskPhone(f.phone) : null,
        },
        tx,
      );
  // Checked after the insert too: a concurrent registration may have created the person first.
  if (!created && !sameName(person.name, f.name)) {
    throw new ConflictError('This document is registered under another name', { reason: 'IDENTITY_MISMATCH' });
  }
  if (created) {
    await publishEvents(ctx.events, tx, [
      {
        type: IDENTITY_EVENTS.PersonRegistered,
        personId: person.id,
        payload: { personId: person.id, documentType: person.documentType, documentIndex: person.documentIndex, region: person.region, birthDate: person.birthDate },
      },
    ]);
  }
  return { person, created };
}
