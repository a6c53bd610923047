import type { ApolloServerPlugin } from '@apollo/server';
import { httpDuration, observeOperation } from '../common/platform/metrics.js';
import type { GatewayContext } from './context.js';

/** Each answer's duration, by operation type and outcome, and per named operation. */
export function operationMetricsPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operation, operationName, errors, response }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          httpDuration.labels('gateway', operation?.operation ?? 'unknown', errors?.length ? 'error' : 'ok').observe(seconds);
          observeOperation('gateway', operationName, seconds, response.body.kind === 'single' ? response.body.singleResult.errors : undefined);
        },
      };
    },
  };
}
