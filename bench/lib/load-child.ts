import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { CheckName, LoadResult, LoadSpec } from './load.js';

/**
 * The load generator, in a process of its own so that it does not share an event loop with the
 * graph it measures. Closed loop, like autocannon: `connections` keep-alive connections, each
 * sending its next request as soon as the previous answer has arrived.
 */

type Outcome = 'ok' | 'network' | 'timeout' | 'http' | 'graphql' | 'check';

const checks: Record<CheckName, (body: Record<string, unknown>) => boolean> = {
  none: () => true,
  verifyPass: (b) => (b.data as { verifyCode?: { pass?: boolean } } | undefined)?.verifyCode?.pass === true,
  household: (b) => {
    const me = (b.data as { me?: { healthCode?: { color?: string; token?: string }; dependents?: { healthCode?: { color?: string } }[] } } | undefined)?.me;
    return !!me?.healthCode?.color && !!me.healthCode.token && me.dependents?.length === 2 && me.dependents.every((d) => !!d.healthCode?.color);
  },
};

function send(agent: http.Agent, url: URL, headers: Record<string, string>, body: string, timeoutMs: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'BENCH_TIMEOUT' })));
    req.on('error', reject);
    req.end(body);
  });
}

const percentile = (sorted: Float64Array, p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const url = new URL(spec.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections, maxFreeSockets: spec.connections });
  const check = checks[spec.check];
  const latencies: number[] = [];
  const errors: Record<Exclude<Outcome, 'ok'>, number> = { network: 0, timeout: 0, http: 0, graphql: 0, check: 0 };
  const samples: string[] = [];
  let warmup = 0;
  let counter = 0;
  const t0 = performance.now();
  const measureStart = t0 + spec.warmupMs;
  const end = measureStart + spec.durationMs;
  const maxRequests = spec.maxRequests ?? Number.POSITIVE_INFINITY;

  const one = async (): Promise<void> => {
    const item = spec.requests[counter++ % spec.requests.length]!;
    const started = performance.now();
    let outcome: Outcome = 'ok';
    let detail = '';
    try {
      const res = await send(agent, url, item.headers, item.body, spec.timeoutMs);
      if (res.status !== 200) {
        outcome = 'http';
        detail = `HTTP ${res.status}: ${res.text.slice(0, 200)}`;
      } else {
        const body = JSON.parse(res.text) as Record<string, unknown>;
        if (body.errors) {
          outcome = 'graphql';
          detail = JSON.stringify(body.errors).slice(0, 300);
        } else if (!check(body)) {
          outcome = 'check';
          detail = res.text.slice(0, 300);
        }
      }
    } catch (err) {
      outcome = (err as { code?: string }).code === 'BENCH_TIMEOUT' ? 'timeout' : 'network';
      detail = String((err as Error).message);
    }
    const done = performance.now();
    if (started < measureStart) {
      warmup++;
      return;
    }
    latencies.push(done - started);
    if (outcome !== 'ok') {
      errors[outcome]++;
      if (samples.length < 5) samples.push(`${outcome}: ${detail}`);
    }
  };

  const lane = async () => {
    while (performance.now() < end && latencies.length < maxRequests) await one();
  };
  await Promise.all(Array.from({ length: spec.connections }, lane));
  const windowMs = Math.min(performance.now(), end) - measureStart;
  agent.destroy();

  const sorted = Float64Array.from(latencies).sort();
  const total = Object.values(errors).reduce((a, b) => a + b, 0);
  return {
    connections: spec.connections,
    windowMs,
    warmupRequests: warmup,
    requests: latencies.length,
    rps: latencies.length / (windowMs / 1000),
    latencyMs: {
      min: sorted[0] ?? NaN,
      mean: latencies.reduce((a, b) => a + b, 0) / (latencies.length || 1),
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1] ?? NaN,
    },
    errors: { total, ...errors },
    errorSamples: samples,
  };
}

if (process.send) {
  process.once('message', (spec: LoadSpec) => {
    runLoad(spec).then(
      (result) => process.send!({ result }, () => process.disconnect()),
      (err: unknown) => process.send!({ error: String((err as Error)?.stack ?? err) }, () => process.disconnect()),
    );
  });
}
