import { decrypt } from '../../../../../common/platform/crypto.js';
import { ForbiddenError } from '../../../../../common/platform/errors.js';
import type { PersonResolvers } from '../../../__generated__/resolvers-types.js';
import { ageOn } from '../../../../../common/domain/documents/index.js';
import { maskName } from '../../../../../common/domain/documents/masking.js';
import { regionName } from '../../../../../common/domain/regions/index.js';
import type { IdentityContext } from '../../../context.js';
import { nameVisibility, shownName } from '../../../domain/name-visibility.js';
import type { PersonRow } from '../../../db/repository.js';

/** Personal data: the person, their guardians and the authority read it; anyone else gets FORBIDDEN. */
const personal =
  <T>(pick: (p: PersonRow, ctx: IdentityContext) => T) =>
  async (p: PersonRow, _args: unknown, ctx: IdentityContext): Promise<T> => {
    await ctx.access.assertMayRead(p.id);
    return pick(p, ctx);
  };

async function present(ids: string[], ctx: IdentityContext): Promise<PersonRow[]> {
  return (await ctx.loaders.person.loadMany(ids)).filter((p): p is PersonRow => !!p && !(p instanceof Error));
}

export const Person: PersonResolvers = {
  __resolveReference: async (ref, ctx) => ctx.loaders.person.load(ref.id),
  id: (p) => p.id,
  // The one field anyone who reached the person sees: in full for the person, their own guardians and
  // the authority (whose read is audited, whatever path led here), masked for anyone else (domain/name-visibility.ts).
  displayName: async (p, _args, ctx) => {
    const relation = await ctx.access.relationTo(p.id);
    if (nameVisibility(relation).audited) ctx.audit.record('READ_PERSON', p.id, { relation });
    return shownName(p.name, relation);
  },
  maskedName: (p) => maskName(p.name),
  maskedDocumentNumber: personal((p) => p.documentMasked),
  documentNumber: personal((p, ctx) => {
    ctx.audit.record('READ_DOCUMENT_NUMBER', p.id);
    return decrypt(ctx.secrets.documentEncryptionKey, p.documentCipher, p.documentType);
  }),
  documentType: personal((p) => p.documentType),
  sex: personal((p) => p.sex),
  birthDate: personal((p) => p.birthDate),
  age: personal((p, ctx) => (p.birthDate ? ageOn(p.birthDate, ctx.today) : null)),
  region: personal((p) => ({ code: p.region, name: regionName(p.region) ?? p.region })),
  maskedPhone: personal((p) => p.phoneMasked),
  registeredAt: personal((p) => p.createdAt),
  channels: async (p, _args, ctx) => {
    const relation = await ctx.access.assertMayRead(p.id);
    if (relation !== 'SELF' && relation !== 'AUTHORITY') {
      throw new ForbiddenError("Only the person and the health authority may see a person's channels");
    }
    return ctx.loaders.bindings.load(p.id);
  },
  dependents: async (p, _args, ctx) => {
    await ctx.access.assertMayRead(p.id);
    // The caller's own household is already known from their viewer read (same order): no statement.
    const viewer = await ctx.access.viewer();
    if (viewer.personId === p.id) return present([...viewer.dependents], ctx);
    return present((await ctx.loaders.dependents.load(p.id)).map((g) => g.dependentId), ctx);
  },
  guardians: async (p, _args, ctx) => {
    await ctx.access.assertMayRead(p.id);
    return ctx.loaders.guardians.load(p.id);
  },
  // Consent is the person's own business: a guardian never sees who else asks.
  guardianshipRequests: async (p, _args, ctx) => {
    const relation = await ctx.access.assertMayRead(p.id);
    if (relation !== 'SELF' && relation !== 'AUTHORITY') {
      throw new ForbiddenError("Only the person and the health authority may see requests to become the person's guardian", { reason: 'NOT_OWN_PERSON' });
    }
    return ctx.repo.guardianshipRequests.pendingGuardianshipRequestsFor([p.id]);
  },
};
