import { publishEvents } from '../../../../common/platform/events/typed.js';
import { errors as joseErrors, jwtVerify } from 'jose';
import { auditRecord } from '../../../../common/platform/audit.js';
import { documentIndex } from '../../../../common/platform/crypto.js';
import { validateDocument, type DocumentType } from '../../../../common/domain/documents/index.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../../common/platform/errors.js';
import { INTEROP_EVENTS, type TravellerStatusReceived } from '../../../../common/platform/events/contracts.js';
import type { InteropContext } from '../../context.js';
import type { Color } from '../../db/tables.js';
import { callingPartner, partnerKeySet } from '../partners/partners.service.js';
import { idempotent } from './idempotency.js';

export const ATTESTATION_TYPE = 'hc-attestation+jwt';
export const TRAVELLER_TYPE = 'hc-traveller+jwt';
const ATTESTATION_TTL_SECONDS = 600;
const COLORS: readonly Color[] = ['GREEN', 'YELLOW', 'RED'];

function documentRef(ctx: InteropContext, type: DocumentType, number: string, field: string) {
  const v = validateDocument(type, number, ctx.today);
  if (!v.ok) throw new BadUserInputError(v.message, { field, reason: v.reason });
  return { documentType: type, documentIndex: documentIndex(ctx.secrets.documentIndexKey, type, v.value.number) };
}

/** A partner asks one of our residents' colour; we answer with an attestation signed for that partner. */
export async function requestResidentStatus(
  ctx: InteropContext,
  input: { documentType?: DocumentType | null; documentNumber: string; purpose: string; requestId: string },
): Promise<{ color: Color; asOf: string; attestation: string; expiresAt: string }> {
  const partner = await callingPartner(ctx);
  const ref = documentRef(ctx, input.documentType ?? 'RESIDENT_ID', input.documentNumber, 'input.documentNumber');
  const audit = (replay: boolean, personId: string | null) =>
    auditRecord(ctx.principal, 'PARTNER_REQUEST_STATUS', personId, { partner: partner.code, requestId: input.requestId, purpose: input.purpose, replay });
  // Catch up before the transaction: the consumer applies in its own, and PGlite has one connection.
  await ctx.fresh();
  return idempotent(
    ctx,
    'requestResidentStatus',
    input.requestId,
    { ...ref, purpose: input.purpose },
    async (tx) => {
      const resident = await ctx.repo.status.residentByDocument(ref.documentType, ref.documentIndex, tx);
      if (!resident) throw new NotFoundError('We have no resident with this document', { reason: 'UNKNOWN_RESIDENT' });
      const asOf = new Date(resident.asOf).toISOString();
      const { token, expiresAt } = await ctx.keys.sign(
        { color: resident.color, asOf, purpose: input.purpose, requestId: input.requestId, rv: resident.ruleVersion ?? undefined },
        { issuer: ctx.provinceCode, audience: partner.code, ttlSeconds: ATTESTATION_TTL_SECONDS, typ: ATTESTATION_TYPE, now: ctx.clock() },
      );
      await ctx.repo.audit([audit(false, resident.personId)], tx);
      return { color: resident.color, asOf, attestation: token, expiresAt: expiresAt.toISOString() };
    },
    (tx) => ctx.repo.audit([audit(true, null)], tx),
  );
}

/** Why a partner's signed statement was refused, as a stable reason. */
function attestationProblem(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'ATTESTATION_EXPIRED';
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'BAD_ATTESTATION_SIGNATURE';
  if (err instanceof joseErrors.JWKSNoMatchingKey) return 'UNKNOWN_ATTESTATION_KEY';
  if (err instanceof joseErrors.JWTClaimValidationFailed) return `BAD_ATTESTATION_${err.claim.toUpperCase()}`;
  return 'MALFORMED_ATTESTATION';
}

/**
 * A partner tells us about a traveller arriving from its province, in a statement it signed. Verified
 * against its registered keys, then published for health-status to recognise.
 */
export async function submitTravellerStatus(
  ctx: InteropContext,
  input: { attestation: string; requestId: string },
): Promise<{ requestId: string; color: Color; outcome: 'APPLIED' | 'PENDING' }> {
  const partner = await callingPartner(ctx);
  const now = ctx.clock();
  const keys = await partnerKeySet(ctx, partner.code, now);
  let claims: Record<string, unknown>;
  try {
    ({ payload: claims } = await jwtVerify(input.attestation, keys, {
      issuer: partner.code,
      audience: ctx.provinceCode,
      // Explicit typing (RFC 8725 §3.11): no other token of the partner's passes for a statement.
      typ: TRAVELLER_TYPE,
      algorithms: ['ES256', 'EdDSA'],
      currentDate: now,
      requiredClaims: ['exp', 'iat', 'jti'],
    }));
  } catch (err) {
    throw new BadUserInputError('The traveller attestation does not verify against your registered keys', { field: 'input.attestation', reason: attestationProblem(err) });
  }
  const doc = claims.doc as { type?: unknown; number?: unknown } | undefined;
  const color = claims.color as Color;
  if (!doc || typeof doc.number !== 'string' || !COLORS.includes(color) || typeof claims.asOf !== 'string' || Number.isNaN(Date.parse(claims.asOf))) {
    throw new BadUserInputError('The attestation needs doc {type, number}, color (GREEN/YELLOW/RED) and asOf', { field: 'input.attestation', reason: 'BAD_ATTESTATION_CLAIMS' });
  }
  if (typeof claims.jti !== 'string' || !claims.jti.length || claims.jti.length > 128) {
    throw new BadUserInputError('The attestation needs a jti, a string of 1-128 characters unique to the statement', { field: 'input.attestation', reason: 'BAD_ATTESTATION_JTI' });
  }
  // A statement is applied once, whatever requestId carries it: its jti is kept beside the request
  // ids, under a key no request id can take ('#' is not allowed in one).
  const jti = claims.jti;
  const statementKey = `#jti:${jti}`;
  const ref = documentRef(ctx, (doc.type as DocumentType | undefined) ?? 'RESIDENT_ID', doc.number, 'input.attestation');
  await ctx.fresh();
  return idempotent(ctx, 'submitTravellerStatus', input.requestId, { ...ref, color, asOf: claims.asOf, kind: claims.kind ?? null, jti }, async (tx) => {
    const applied = await ctx.repo.status.storedRequest(partner.code, statementKey, tx);
    if (applied) return { ...(applied.response as { color: Color; outcome: 'APPLIED' | 'PENDING' }), requestId: input.requestId };
    const resident = await ctx.repo.status.residentByDocument(ref.documentType, ref.documentIndex, tx);
    const payload: TravellerStatusReceived = {
      partnerCode: partner.code,
      requestId: input.requestId,
      ...ref,
      personId: resident?.personId ?? null,
      color,
      kind: typeof claims.kind === 'string' ? claims.kind : null,
      asOf: new Date(claims.asOf as string).toISOString(),
    };
    await publishEvents(ctx.events, tx, [{ type: INTEROP_EVENTS.TravellerStatusReceived, personId: payload.personId, payload }]);
    await ctx.repo.audit([auditRecord(ctx.principal, 'PARTNER_SEND_STATUS', payload.personId, { partner: partner.code, requestId: input.requestId, color })], tx);
    const receipt = { requestId: input.requestId, color, outcome: resident ? ('APPLIED' as const) : ('PENDING' as const) };
    if (!(await ctx.repo.status.storeRequest({ partnerCode: partner.code, requestId: statementKey, operation: 'travellerStatement', inputHash: jti, response: receipt }, tx))) {
      // The same statement is being applied under another requestId right now: this one rolls back.
      throw new ConflictError('This statement is being applied under another requestId; retry', { reason: 'STATEMENT_IN_FLIGHT' });
    }
    return receipt;
  });
}
