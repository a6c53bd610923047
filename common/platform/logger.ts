import { pino, type Logger } from 'pino';
import { requestScope } from './request-scope.js';

export type { Logger };

/** Structured JSON logs on stdout, one logger per process, a child per service. */
export function createLogger(level: string, service?: string): Logger {
  const logger = pino({
    level,
    base: { service },
    // The request being served, on every line written while serving it (a child logger may say it already).
    mixin: (_merge, _level, self) => {
      const scope = requestScope.getStore();
      return scope && !('requestId' in self.bindings()) ? { requestId: scope.requestId } : {};
    },
    // Never log a credential or a forwarded principal, whatever a child logger is handed.
    redact: { paths: ['req.headers["x-api-key"]', 'req.headers.authorization', 'req.headers["x-hcg-principal"]'], remove: true },
  });
  return logger;
}

/** The service's logger: a child naming it, unless the process's logger already does (pino would repeat the key). */
export function serviceLogger(logger: Logger, service: string): Logger {
  return logger.bindings()['service'] === service ? logger : logger.child({ service });
}
