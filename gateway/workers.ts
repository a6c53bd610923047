import cluster, { type Worker } from 'node:cluster';
import type { Logger } from '../common/platform/logger.js';

/** A worker that dies this soon after its start is failing to start, not crashing under load: stop. */
const START_FAILURE_MS = 5_000;

/**
 * The cluster primary: forks `count` gateway workers (each a whole gateway, listening on the same port;
 * the primary hands connections out round-robin), replaces one that crashes, and on SIGTERM/SIGINT
 * passes the signal on and exits once every worker has drained, or after `graceMs` anyway.
 */
export function superviseWorkers(count: number, logger: Logger, graceMs: number): void {
  let stopping = false;
  let failed = false;
  const started = new Map<number, number>();
  const fork = (): Worker => {
    const worker = cluster.fork();
    started.set(worker.id, Date.now());
    return worker;
  };
  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (started.get(worker.id) ?? 0);
    started.delete(worker.id);
    if (stopping) {
      if (!Object.keys(cluster.workers ?? {}).length) process.exit(failed ? 1 : 0);
      return;
    }
    if (lived < START_FAILURE_MS) {
      logger.fatal({ worker: worker.id, code, signal }, 'gateway worker failed at start; stopping');
      stopping = true;
      failed = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
      if (!Object.keys(cluster.workers ?? {}).length) process.exit(1);
      return;
    }
    logger.error({ worker: worker.id, code, signal }, 'gateway worker exited; starting another');
    fork();
  });
  for (let i = 0; i < count; i++) fork();
  logger.info({ workers: count }, 'gateway primary supervising workers');
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal: sig, graceMs }, 'stopping gateway workers');
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(sig);
      setTimeout(() => process.exit(1), graceMs + 1000).unref();
    });
  }
}
