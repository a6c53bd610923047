import { decrypt, encrypt } from '../../../../common/platform/crypto.js';
import { tokenProblem } from '../../../../common/platform/keys.js';
import type { EidContext } from '../../context.js';
import { ageBand, IDENTITY_CODE_AUDIENCE, IDENTITY_CODE_TYP, identityClaims, issuerOf, REF_AAD, type AgeBand } from '../../domain/identity-code.js';

/** The identity fields identity owns, as the gateway hands them over (`@requires`). */
export interface IdentityFields {
  id: string;
  maskedName: string;
  documentType: string;
  birthDate?: string | null;
}

/** Signs a person's identity code, for the person or a guardian (the latter audited). */
export async function issueIdentityCode(ctx: EidContext, person: IdentityFields): Promise<{ token: string; expiresAt: string }> {
  const relation = await ctx.access.assertMayActFor(person.id, "get this person's identity code");
  if (relation === 'GUARDIAN') ctx.audit.record('ISSUE_IDENTITY_CODE', person.id, { relation });
  const claims = {
    nm: person.maskedName,
    doc: person.documentType,
    age: ageBand(person.birthDate ?? null, ctx.today),
    ref: encrypt(ctx.secrets.documentEncryptionKey, person.id, REF_AAD),
  };
  const { token, expiresAt } = await ctx.keys.sign(claims, {
    issuer: issuerOf(ctx.provinceCode),
    audience: IDENTITY_CODE_AUDIENCE,
    typ: IDENTITY_CODE_TYP,
    ttlSeconds: ctx.tokenTtlSeconds,
    now: ctx.clock(),
  });
  return { token, expiresAt: expiresAt.toISOString() };
}

export type Verification =
  | { valid: true; reason: null; maskedName: string; documentType: string; ageBand: AgeBand | null; expiresAt: string }
  | { valid: false; reason: string; maskedName: null; documentType: null; ageBand: null; expiresAt: null };

const refused = (reason: string): Verification => ({ valid: false, reason, maskedName: null, documentType: null, ageBand: null, expiresAt: null });

/** Checks a token as an offline verifier would, and audits whose identity the counter saw. */
export async function verifyIdentityCode(ctx: EidContext, token: string): Promise<Verification> {
  let verified;
  try {
    verified = await ctx.keys.verify(token, { issuer: issuerOf(ctx.provinceCode), audience: IDENTITY_CODE_AUDIENCE, typ: IDENTITY_CODE_TYP, currentDate: ctx.clock() });
  } catch (err) {
    ctx.audit.record('VERIFY_IDENTITY_CODE', null, { valid: false, reason: tokenProblem(err) });
    return refused(tokenProblem(err));
  }
  const claims = identityClaims.safeParse(verified.payload);
  if (!claims.success) return refused('MALFORMED');
  let personId: string | null = null;
  try {
    personId = decrypt(ctx.secrets.documentEncryptionKey, claims.data.ref, REF_AAD);
  } catch {
    // Signed by us yet sealed with another key: a token from before a key change; the claims still stand.
  }
  ctx.audit.record('VERIFY_IDENTITY_CODE', personId, { valid: true, counter: ctx.principal.subject });
  return {
    valid: true,
    reason: null,
    maskedName: claims.data.nm,
    documentType: claims.data.doc,
    ageBand: claims.data.age,
    expiresAt: new Date(verified.payload.exp! * 1000).toISOString(),
  };
}
