import { VERIFICATION_METHODS, type BindingPolicy, type VerificationMethod } from '../../../common/domain/verification.js';

/** A method's level: its place in the documented order, weakest (DOCUMENT) 1. */
export const verificationLevel = (method: VerificationMethod): number => VERIFICATION_METHODS.indexOf(method) + 1;

export interface BindingFacts {
  /** The person record was created by this very registration: nobody else holds it yet. */
  created: boolean;
  /** What the registering channel asserts about its user's real-name check. */
  asserted: VerificationMethod;
  /** What the person's earliest remaining binding asserted; null when they have none (a household member). */
  firstBinding: VerificationMethod | null;
  /** The authority's setting (`CHANNEL_BINDING_MIN_VERIFICATION`). */
  policy: BindingPolicy;
}

export type BindingVerdict = { ok: true } | { ok: false; reason: 'VERIFICATION_TOO_WEAK'; required: VerificationMethod };

/**
 * Whether a channel may bind its user to a person by a name and document number. Registering a new
 * person binds them at any level: the first binding is the person's. A further channel reaching an
 * existing person must vouch at least as strongly as the authority requires, by default as strongly
 * as the channel that registered them first, so a weaker app cannot take over a face-checked person.
 */
export function bindingVerdict(f: BindingFacts): BindingVerdict {
  if (f.created) return { ok: true };
  const required = f.policy === 'FIRST_BINDING' ? (f.firstBinding ?? 'DOCUMENT') : f.policy;
  return verificationLevel(f.asserted) >= verificationLevel(required) ? { ok: true } : { ok: false, reason: 'VERIFICATION_TOO_WEAK', required };
}
