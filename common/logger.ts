import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout, one logger per process, a child per service. */
export function createLogger(level: string, service?: string): Logger {
  const logger = pino({
    level,
    base: { service },
    // Never log a credential or a forwarded principal, whatever a child logger is handed.
    redact: { paths: ['req.headers["x-api-key"]', 'req.headers.authorization', 'req.headers["x-hcg-principal"]'], remove: true },
  });
  return logger;
}
