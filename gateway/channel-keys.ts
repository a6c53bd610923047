import type { InternalClient } from './internal-client.js';

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
  /** A channel's status, for keys the gateway keeps itself (development keys, `npm run api-keys`). */
  status(channel: string): Promise<Pick<ChannelKeyGrant, 'status' | 'suspendedReason'> | null>;
}

/** Asks identity for a channel key by its hash, over its internal route (the gateway's signed client). */
export class IdentityChannelKeys implements ChannelKeySource {
  constructor(private readonly identity: InternalClient) {}

  grant(keyHash: string): Promise<ChannelKeyGrant | null> {
    return this.get(`/internal/channel-keys/${keyHash}`);
  }

  status(channel: string): Promise<Pick<ChannelKeyGrant, 'status' | 'suspendedReason'> | null> {
    return this.get(`/internal/channel-status/${encodeURIComponent(channel)}`);
  }

  private async get<T>(path: string): Promise<T | null> {
    const res = await this.identity.get(path);
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`identity answered ${res.status} for ${path.split('/')[2]}`);
    return (await res.json()) as T;
  }
}
