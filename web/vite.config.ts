import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The pages (H5, dashboard, verifier, transparency report), built into web/dist (checked in: `npm start`, the production image and the tests
 * serve it as it is; test/pages/build.test.ts fails when it is stale). Preact through esbuild's JSX
 * transform; no plugin needed.
 */
export default defineConfig({
  root: here('.'),
  base: '/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2020',
    // One file per page: nothing else to fetch before the first paint.
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    // ECharts makes the dashboard's one chunk large; the H5 page, which phones load, stays small.
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      input: {
        h5: here('h5/index.html'),
        dashboard: here('dashboard/index.html'),
        verifier: here('verifier/index.html'),
        'verifier-sw': here('verifier/sw.ts'),
        transparency: here('transparency/index.html'),
      },
      // The verifier's service worker keeps one unhashed name inside its scope (/verifier/sw.js);
      // web/public/verifier/ adds its manifest and icon.
      output: { entryFileNames: (chunk) => (chunk.name === 'verifier-sw' ? 'verifier/sw.js' : 'assets/[name]-[hash].js') },
    },
  },
});
