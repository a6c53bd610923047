import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** The built pages (web/, `npm run web:build`), checked in so `npm start` and the image serve them as they are. */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/**
 * Everything a page loads comes from here: no CDN, no web font. `script-src 'self'` means an
 * injected `<script>` or handler attribute never runs even if one slipped into the DOM; images
 * may be `data:` URLs (the QR code is drawn into one).
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  // The verifier's camera preview is a local MediaStream; its service worker is our own script.
  "media-src 'self' blob: mediastream:",
  "worker-src 'self'",
  "manifest-src 'self'",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

/** Files of a page that keep their name from build to build: revalidated on every load, never cached for good. */
const UNHASHED = /(\.html|\/sw\.js|\.webmanifest)$/;

/**
 * Serves the H5 code page at /h5/, the dashboard at /dashboard/, the checkpoint verifier at
 * /verifier/ (with its manifest and service worker, whose scope is /verifier/), the transparency
 * report at /transparency/ and their hashed assets at /assets/.
 */
export async function registerPages(app: FastifyInstance): Promise<void> {
  if (!existsSync(WEB_DIST)) throw new Error(`${WEB_DIST} is missing: run npm run web:build`);
  await app.register(async (scope) => {
    // Compression only for the pages' files; GraphQL responses keep their own behaviour.
    await scope.register(compress, { global: true, threshold: 512, encodings: ['br', 'gzip'] });
    const pages = [
      { prefix: '/h5/', dir: 'h5' },
      { prefix: '/dashboard/', dir: 'dashboard' },
      { prefix: '/verifier/', dir: 'verifier' },
      { prefix: '/transparency/', dir: 'transparency' },
      { prefix: '/assets/', dir: 'assets' },
    ];
    for (const [i, p] of pages.entries()) {
      await scope.register(fastifyStatic, {
        root: `${WEB_DIST}${p.dir}`,
        prefix: p.prefix,
        decorateReply: i === 0,
        redirect: true,
        // Hashed asset names change with their content: cache them for good; pages are always revalidated.
        cacheControl: false,
        setHeaders: (res, path) => {
          if (UNHASHED.test(path)) {
            res.header('cache-control', 'no-cache');
            if (path.endsWith('.webmanifest')) res.header('content-type', 'application/manifest+json');
            res.header('content-security-policy', CSP);
            res.header('x-content-type-options', 'nosniff');
            res.header('referrer-policy', 'no-referrer');
          } else {
            res.header('cache-control', 'public, max-age=31536000, immutable');
          }
        },
      });
    }
    // Browsers ask for /favicon.ico on every page load whatever the page declares: an icon, not a 404.
    scope.get('/favicon.ico', (_req, reply) => reply.header('cache-control', 'public, max-age=86400').sendFile('favicon.ico', WEB_DIST));
  });
}
