import type { ApolloServerPlugin } from '@apollo/server';
import { CREDENTIALS_CHANNEL } from '../common/platform/api-keys.js';
import type { Connection } from '../common/platform/db.js';
import type { BearerAuthenticator } from './authenticate.js';
import type { GatewayContext } from './context.js';
import type { ApiKeyAuthenticator } from './credentials.js';

/**
 * The gateway's two principal caches, channel and operator keys (which browser sessions and launch
 * tickets are checked through too) and partners' trust, dropped together by the one {@link forget}:
 * whatever changed, the next request of every caller meets the new state.
 */
export class CredentialCaches {
  constructor(
    private readonly apiKeys: ApiKeyAuthenticator,
    private readonly bearer: BearerAuthenticator,
  ) {}

  readonly forget = (): void => {
    this.apiKeys.forget();
    this.bearer.forget?.();
  };

  /**
   * A channel's suspension or key rotation (identity), a partner's (interop) and a key's revocation
   * (`npm run api-keys`) reach every gateway instance and worker through NOTIFY. Answers the unlisten.
   */
  async listen(connection: Connection | undefined): Promise<(() => Promise<void>) | undefined> {
    return connection ? connection.listen(CREDENTIALS_CHANNEL, this.forget) : undefined;
  }

  /**
   * An operator's mutation may have suspended a channel or a partner, or rotated keys: this gateway
   * drops its caches before the operator sees the answer, so their very next request meets the new
   * state (other gateways hear of it through NOTIFY).
   */
  operatorWritesPlugin(): ApolloServerPlugin<GatewayContext> {
    return {
      requestDidStart: async ({ contextValue }) => {
        if (contextValue.principal.kind !== 'admin') return {};
        return {
          willSendResponse: async ({ operation }) => {
            if (operation?.operation === 'mutation') this.forget();
          },
        };
      },
    };
  }
}
