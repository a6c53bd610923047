import type { ApolloServerPlugin } from '@apollo/server';
import { Counter } from 'prom-client';
import { isClientErrorCode } from './errors.js';
import type { Logger } from './logger.js';
import { registry } from './metrics.js';

export const serverErrors = new Counter({
  name: 'hcg_server_errors_total',
  help: 'Internal errors (INTERNAL_SERVER_ERROR, HTTP 5xx) by service and error class; each is also logged',
  labelNames: ['service', 'class'] as const,
  registers: [registry],
});

/** A 5xx answer no error explains (e.g. a gateway's downstream failure). */
class HttpStatus extends Error {
  override name = 'Http5xx';
}

/** An error's class, its cause's class and a driver's code (e.g. SQLSTATE): what an operator needs, no personal data. */
function describe(error: unknown): { class: string; cause?: string; code?: string; stack?: string } {
  const original = (error as { originalError?: unknown })?.originalError ?? error;
  const err = original instanceof Error ? original : undefined;
  const code = (original as { code?: unknown })?.code;
  const cause = (original as { cause?: unknown })?.cause;
  return {
    class: err?.constructor.name ?? typeof original,
    ...(cause instanceof Error ? { cause: cause.constructor.name } : {}),
    ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
    // Frames only: the first line of a stack is the message, which may quote input values.
    ...(err?.stack ? { stack: err.stack.split('\n').slice(1, 8).join('\n') } : {}),
  };
}

/**
 * Every internal error and every 5xx is logged (request id, operation name, error class; never the
 * message or variables, which may hold personal data) and counted in `/metrics`. One plugin for the
 * gateway and every subgraph: an outside probe found hundreds of INTERNALs that left no trace.
 */
export function errorReportingPlugin(service: string, logger: Logger): ApolloServerPlugin<{ requestId?: string }> {
  const report = (error: unknown, fields: Record<string, unknown>) => {
    const about = error instanceof HttpStatus ? { class: error.name } : describe(error);
    serverErrors.labels(service, about.class).inc();
    logger.error({ service, ...fields, error: about }, 'internal error');
  };
  return {
    async contextCreationDidFail({ error }) {
      const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
      if (!isClientErrorCode(code)) report(error, { stage: 'context' });
    },
    async unexpectedErrorProcessingRequest({ requestContext, error }) {
      report(error, { stage: 'request', requestId: requestContext.contextValue?.requestId, operationName: requestContext.request.operationName ?? null });
    },
    async requestDidStart() {
      let reported = false;
      return {
        async didEncounterErrors({ errors, contextValue, operationName, request }) {
          for (const error of errors) {
            if (isClientErrorCode(error.extensions?.code)) continue;
            reported = true;
            report(error, { requestId: contextValue?.requestId, operationName: operationName ?? request.operationName ?? null, path: error.path });
          }
        },
        async willSendResponse({ response, contextValue, operationName, request }) {
          if (!reported && (response.http.status ?? 200) >= 500) {
            report(new HttpStatus(), { requestId: contextValue?.requestId, operationName: operationName ?? request.operationName ?? null });
          }
        },
      };
    },
  };
}
