import { decrypt } from '../../../common/crypto.js';
import { ForbiddenError } from '../../../common/errors.js';
import type { PersonResolvers } from '../__generated__/resolvers-types.js';
import { ageOn } from '../domain/documents.js';
import { maskName } from '../domain/masking.js';
import { regionName } from '../domain/regions.js';
import { assertMayRead, relationTo } from '../services/access.js';

/**
 * Everything but `id` and `displayName` is personal data: the person, their guardians and the
 * authority read it; anyone else who reached the entity (a checkpoint after a scan) gets FORBIDDEN.
 */
export const Person: PersonResolvers = {
  __resolveReference: async (ref, ctx) => ctx.loaders.person.load(ref.id),
  id: (p) => p.id,
  displayName: async (p, _args, ctx) => ((await relationTo(ctx, p.id)) === 'NONE' ? maskName(p.name) : p.name),
  maskedDocumentNumber: async (p, _args, ctx) => (await assertMayRead(ctx, p.id), p.documentMasked),
  documentNumber: async (p, _args, ctx) => {
    await assertMayRead(ctx, p.id);
    ctx.audit.record('READ_DOCUMENT_NUMBER', p.id);
    return decrypt(ctx.secrets.documentEncryptionKey, p.documentCipher, p.documentType);
  },
  documentType: async (p, _args, ctx) => (await assertMayRead(ctx, p.id), p.documentType),
  sex: async (p, _args, ctx) => (await assertMayRead(ctx, p.id), p.sex),
  birthDate: async (p, _args, ctx) => (await assertMayRead(ctx, p.id), p.birthDate),
  age: async (p, _args, ctx) => (await assertMayRead(ctx, p.id), p.birthDate ? ageOn(p.birthDate, ctx.today) : null),
  region: async (p, _args, ctx) => (await assertMayRead(ctx, p.id), { code: p.region, name: regionName(p.region) ?? p.region }),
  maskedPhone: async (p, _args, ctx) => (await assertMayRead(ctx, p.id), p.phoneMasked),
  registeredAt: async (p, _args, ctx) => (await assertMayRead(ctx, p.id), p.createdAt),
  channels: async (p, _args, ctx) => {
    const relation = await assertMayRead(ctx, p.id);
    if (relation !== 'SELF' && relation !== 'AUTHORITY') {
      throw new ForbiddenError("Only the person and the health authority may see a person's channels");
    }
    return ctx.loaders.bindings.load(p.id);
  },
};
