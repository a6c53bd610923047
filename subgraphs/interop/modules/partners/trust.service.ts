import type { InteropContext } from '../../context.js';

export interface TrustedKeyRow {
  kid: string;
  issuer: string;
  ours: boolean;
  jwk: Record<string, unknown>;
  notAfter: string | null;
}

/** Our keys and every active partner's, as an offline verifier needs them. */
export async function trustList(ctx: InteropContext): Promise<TrustedKeyRow[]> {
  const ours = ctx.keys.publicJwks.keys.map((jwk) => ({ kid: String(jwk.kid), issuer: ctx.provinceCode, ours: true, jwk: jwk as Record<string, unknown>, notAfter: null }));
  const partners = (await ctx.repo.partners.keysValidAt('all', ctx.clock()))
    .filter((k) => k.status === 'ACTIVE')
    .map((k) => ({ kid: k.kid, issuer: k.partnerCode, ours: false, jwk: k.jwk, notAfter: k.notAfter }));
  return [...ours, ...partners];
}

/** What the gateway needs to authenticate a partner's bearer token. */
export async function partnerTrust(ctx: Pick<InteropContext, 'repo' | 'clock'>, code: string) {
  const [partner] = await ctx.repo.partners.partnersByCodes([code]);
  if (!partner) return null;
  const keys = await ctx.repo.partners.keysValidAt([code], ctx.clock());
  return { code: partner.code, status: partner.status, rights: partner.rights, keys: keys.map((k) => k.jwk) };
}
