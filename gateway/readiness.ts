import { NotReadyError } from '../common/platform/http.js';
import type { BreakerState } from './fetcher.js';

/**
 * The gateway is ready when every subgraph answers its health check; the answer names each one's
 * reachability and breaker state, so an operator sees which is down and whether calls are cut off.
 */
export function subgraphReadiness(urls: Readonly<Record<string, string>>, breaker: (name: string) => BreakerState) {
  return async () => {
    const subgraphs = Object.fromEntries(
      await Promise.all(
        Object.entries(urls).map(async ([name, url]) => {
          const res = await fetch(new URL('/healthz', url), { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
          return [name, { reachable: !!res?.ok, breaker: breaker(name) }] as const;
        }),
      ),
    );
    const down = Object.keys(subgraphs).filter((name) => !subgraphs[name]!.reachable);
    if (down.length) throw new NotReadyError(`subgraphs not reachable: ${down.join(', ')}`, { subgraphs });
    return { subgraphs };
  };
}
