/**
 * The verifier's service worker (scope /verifier/): after one online visit the page opens with the
 * network off. The page and its manifest are fetched from the network first and from the cache when
 * that fails; the hashed assets never change, so the cache answers them first. GraphQL, sessions
 * and the keys are never cached here: the page keeps the keys itself, with their age.
 */

interface ExtendableEventLike {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEventLike extends ExtendableEventLike {
  request: Request;
  respondWith(r: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', fn: (e: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', fn: (e: FetchEventLike) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
}
const sw = self as unknown as WorkerScope;

const CACHE = 'hcg-verifier-v1';
const PAGE = '/verifier/';
const SHELL = [PAGE, '/verifier/manifest.webmanifest', '/verifier/icon.svg'];

/** The page and every asset it names (its script and style), so the first offline open has them all. */
async function precache(): Promise<void> {
  const cache = await caches.open(CACHE);
  const page = await fetch(PAGE, { cache: 'no-cache' });
  const html = await page.clone().text();
  await cache.put(PAGE, page);
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
  await cache.addAll([...SHELL.slice(1), ...assets]);
}

sw.addEventListener('install', (e) => e.waitUntil(precache().then(() => sw.skipWaiting())));
sw.addEventListener('activate', (e) => e.waitUntil(sw.clients.claim()));

sw.addEventListener('fetch', (e) => {
  const req = e.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== sw.location.origin) return;
  if (url.pathname.startsWith('/assets/')) {
    e.respondWith(
      caches.match(req).then(
        (hit) =>
          hit ??
          fetch(req).then(async (res) => {
            if (res.ok) await (await caches.open(CACHE)).put(req, res.clone());
            return res;
          }),
      ),
    );
    return;
  }
  if (!url.pathname.startsWith(PAGE) || url.pathname.endsWith('/sw.js')) return;
  // The page itself (any path under /verifier/ is the page) and its manifest: network first.
  const key = SHELL.includes(url.pathname) ? url.pathname : PAGE;
  e.respondWith(
    fetch(req)
      .then(async (res) => {
        if (res.ok) await (await caches.open(CACHE)).put(key, res.clone());
        return res;
      })
      .catch(async () => (await caches.match(key)) ?? Response.error()),
  );
});
