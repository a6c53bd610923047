import { PRINCIPAL_HEADER } from '../common/domain/principal.js';
import { MAX_BATCH } from '../common/platform/http.js';
import { isIdempotentRead, type Fetcher } from './fetcher.js';

type FetcherInit = Parameters<Fetcher>[1];
type FetcherResult = Awaited<ReturnType<Fetcher>>;

interface Queued {
  init: FetcherInit;
  resolve: (res: FetcherResult) => void;
  reject: (err: unknown) => void;
}

interface Queue {
  url: string;
  items: Queued[];
}


const header = (init: FetcherInit, name: string): string | undefined => {
  const h = init?.headers as Record<string, string> | undefined;
  return h?.[name];
};

/**
 * Sends the reads that one client request makes to the same subgraph in the same tick as one HTTP
 * request: a JSON array of operations (Apollo Server's `allowBatchedHttpRequests`), which the subgraph
 * runs under one context, so its DataLoaders serve them all with one statement. Apollo's planner
 * fetches `me.healthCode` and `me.dependents.healthCode` apart (Hive's Rust planner merges them);
 * batched, the household read costs health-status one call again.
 *
 * Reads only, and only those of the same request (same request id and signed principal): a mutation
 * keeps its own call, its own deadline and no retry. The queue is flushed the way DataLoader flushes,
 * after the promise jobs of the current tick, so the parallel fetches of one plan node meet in it.
 */
export function batchingFetcher(send: Fetcher, onHttpRequest: () => void = () => {}): Fetcher {
  const queues = new Map<string, Queue>();

  const flush = async (key: string, queue: Queue) => {
    if (queues.get(key) === queue) queues.delete(key);
    const { url, items } = queue;
    onHttpRequest();
    if (items.length === 1) {
      const only = items[0]!;
      return send(url, only.init).then(only.resolve, only.reject);
    }
    try {
      const body = `[${items.map((i) => i.init!.body as string).join(',')}]`;
      const res = await send(url, { ...items[0]!.init, body });
      const text = await res.text();
      let parts: unknown;
      try {
        parts = JSON.parse(text);
      } catch {
        parts = undefined;
      }
      // An answer to the batch as a whole (a refused principal, a 5xx) is every member's answer.
      const each = (i: number): string => (Array.isArray(parts) && parts.length === items.length ? JSON.stringify(parts[i]) : text);
      // What the gateway reads of a subgraph's headers: the body's type and its cache policy.
      const headers = new Headers();
      for (const name of ['content-type', 'cache-control']) {
        const value = res.headers.get(name);
        if (value !== null) headers.set(name, value);
      }
      items.forEach((item, i) => item.resolve(new Response(each(i), { status: res.status, headers })));
    } catch (err) {
      for (const item of items) item.reject(err);
    }
  };

  return (url, init) => {
    const requestId = header(init, 'x-request-id');
    const principal = header(init, PRINCIPAL_HEADER);
    if (!requestId || !principal || !isIdempotentRead(init?.body)) {
      onHttpRequest();
      return send(url, init);
    }
    const key = `${requestId}\n${principal}`;
    return new Promise<FetcherResult>((resolve, reject) => {
      let queue = queues.get(key);
      if (!queue || queue.items.length >= MAX_BATCH) {
        const fresh: Queue = { url, items: [] };
        queues.set(key, fresh);
        // DataLoader's schedule: after every promise job queued so far, before any I/O.
        void Promise.resolve().then(() => process.nextTick(() => void flush(key, fresh)));
        queue = fresh;
      }
      queue.items.push({ init, resolve, reject });
    });
  };
}
