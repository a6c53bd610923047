import type { ApolloServerPlugin } from '@apollo/server';
import { localDate } from '../common/domain/dates.js';
import { AppError } from '../common/platform/errors.js';
import type { Logger } from '../common/platform/logger.js';
import type { Principal } from '../common/domain/principal.js';
import type { GatewayContext } from './context.js';
import type { InternalClient } from './internal-client.js';

/**
 * Per-channel request counts (channel, local day, outcome), kept in memory and sent to identity in
 * one batch every few seconds: no write on any request's path. A crash loses at most one interval.
 */
export class ChannelUsageCounter {
  private counts = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly identity: InternalClient,
    private readonly logger: Logger,
    private readonly clock: () => Date,
    intervalMs = 5_000,
  ) {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  add(channel: string, outcome: string): void {
    const key = `${channel}\n${localDate(this.clock())}\n${outcome}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /**
   * A channel's call outside Apollo's request pipeline (`POST /h5/sessions`), or refused before the
   * pipeline began (rate limit, safelist, request shape): `channelUsagePlugin` never sees those.
   * Anything but a channel's is not counted; `error` absent means it succeeded.
   */
  record(principal: Pick<Principal, 'kind' | 'subject'>, error?: unknown): void {
    if (principal.kind !== 'channel') return;
    this.add(principal.subject, error === undefined ? 'OK' : error instanceof AppError ? error.code : 'INTERNAL_SERVER_ERROR');
  }

  /** Sends what was counted; on failure the counts are kept for the next flush. */
  async flush(): Promise<void> {
    if (!this.counts.size) return;
    const batch = this.counts;
    this.counts = new Map();
    const rows = [...batch].map(([k, count]) => {
      const [channel, day, outcome] = k.split('\n') as [string, string, string];
      return { channel, day, outcome, count };
    });
    try {
      const res = await this.identity.post('/internal/channel-usage', rows);
      if (!res.ok) throw new Error(`identity answered ${res.status}`);
    } catch (err) {
      for (const [k, n] of batch) this.counts.set(k, (this.counts.get(k) ?? 0) + n);
      this.logger.warn({ err }, 'channel usage not flushed; kept for the next flush');
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}

/** Counts each channel request by its outcome: OK, or the first error's code. */
export function channelUsagePlugin(counter: ChannelUsageCounter): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (contextValue.principal.kind !== 'channel') return {};
      return {
        async willSendResponse({ errors, response }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const code = errors?.[0]?.extensions?.code ?? body?.errors?.[0]?.extensions?.code;
          counter.add(contextValue.principal.subject, typeof code === 'string' ? code : 'OK');
        },
      };
    },
  };
}
