import type { ApolloServerPlugin } from '@apollo/server';
import { RETRY_AFTER_SECONDS } from '../common/platform/errors.js';

/**
 * An answer whose every error is SERVICE_UNAVAILABLE (a database connection lost somewhere behind the
 * gateway) goes out as HTTP 503 with `Retry-After`: a client or load balancer that reads only the
 * status retries, and nothing was changed (every change is one transaction). A mixed answer keeps 200.
 */
export function serviceUnavailablePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          if (!errors?.length || !errors.every((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}
