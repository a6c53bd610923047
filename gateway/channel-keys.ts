import { PRINCIPAL_HEADER, signPrincipal } from '../common/principal.js';

/** A channel key as identity (which issues them) describes it to the gateway. */
export interface ChannelKeyGrant {
  keyId: string;
  channel: string;
  status: 'ACTIVE' | 'SUSPENDED';
  suspendedReason: string | null;
  retiresAt: string | null;
}

export interface ChannelKeySource {
  grant(keyHash: string): Promise<ChannelKeyGrant | null>;
}

/** Asks identity for a channel key by its hash, over the internal route signed like every subgraph call. */
export class IdentityChannelKeys implements ChannelKeySource {
  constructor(
    private readonly identityUrl: string,
    private readonly gatewaySecret: string,
  ) {}

  async grant(keyHash: string): Promise<ChannelKeyGrant | null> {
    const header = await signPrincipal({ kind: 'admin', subject: 'gateway', scopes: [] }, this.gatewaySecret);
    const res = await fetch(new URL(`/internal/channel-keys/${keyHash}`, this.identityUrl), { headers: { [PRINCIPAL_HEADER]: header }, signal: AbortSignal.timeout(3000) });
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`identity answered ${res.status} for a channel key`);
    return (await res.json()) as ChannelKeyGrant;
  }
}
