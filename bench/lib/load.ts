import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type CheckName = 'none' | 'verifyPass' | 'household';

export interface LoadRequest {
  headers: Record<string, string>;
  body: string;
}

export interface LoadSpec {
  url: string;
  /** Sent round-robin. */
  requests: LoadRequest[];
  /** Keep-alive connections, each with one request in flight. */
  connections: number;
  /** Requests before the window are sent but not counted. */
  warmupMs: number;
  durationMs: number;
  /** One request taking longer counts as an error (timeout). */
  timeoutMs: number;
  /** What every answer must satisfy besides HTTP 200 and no `errors`. */
  check: CheckName;
  /** Stops early after this many measured requests. */
  maxRequests?: number;
}

export interface LoadResult {
  connections: number;
  windowMs: number;
  warmupRequests: number;
  /** Requests sent inside the window (all of them answered or failed). */
  requests: number;
  rps: number;
  latencyMs: { min: number; mean: number; p50: number; p90: number; p99: number; max: number };
  errors: { total: number; network: number; timeout: number; http: number; graphql: number; check: number };
  errorSamples: string[];
}

export interface LoadRun extends LoadResult {
  /** CPU time of this process (the whole graph) during the run, as a share of one core. */
  serverCpuCores: number;
}

/**
 * Runs the load in a child process (bench/lib/load-child.ts, forked with this process's tsx loader)
 * and answers its figures. The child is killed if it has not answered well after the run's end.
 */
export function runLoadInChild(spec: LoadSpec): Promise<LoadRun> {
  const child = fork(fileURLToPath(new URL('./load-child.ts', import.meta.url)), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  return new Promise<LoadRun>((resolve, reject) => {
    const guard = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('load generator did not finish in time'));
    }, spec.warmupMs + spec.durationMs + spec.timeoutMs + 30_000);
    child.once('message', (m: { result?: LoadResult; error?: string }) => {
      clearTimeout(guard);
      const cpu = process.cpuUsage(cpu0);
      const wallUs = Number(process.hrtime.bigint() - t0) / 1000;
      if (m.result) resolve({ ...m.result, serverCpuCores: (cpu.user + cpu.system) / wallUs });
      else reject(new Error(`load generator failed: ${m.error}`));
    });
    child.once('exit', (code) => {
      clearTimeout(guard);
      reject(new Error(`load generator exited (${code}) without an answer`));
    });
    child.send(spec);
  });
}
