import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run build`: compiles the services to dist/ with tsc (the TypeScript the repository already
 * pins, so nothing new to trust) and copies beside the JavaScript what the services read at run time
 * relative to their own files: migrations, SDL, the composed schema and safelists, the built pages.
 * Production runs `node dist/.../main.js`: no TypeScript loader and no source-map lookups on errors.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const SOURCES = ['common', 'gateway', 'subgraphs', 'scripts'];
/** Whole directories the services read through `../schema/...` and `../../web/dist/`. */
const ASSET_DIRS = ['schema', 'web/dist'];

rmSync(DIST, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
for (const dir of SOURCES) {
  // Everything but TypeScript: migrations (SQL and drizzle's journal) and each subgraph's SDL parts.
  cpSync(join(ROOT, dir), join(DIST, dir), { recursive: true, filter: (src) => !/\.ts$/.test(src) });
}
for (const dir of ASSET_DIRS) {
  if (existsSync(join(ROOT, dir))) cpSync(join(ROOT, dir), join(DIST, dir), { recursive: true });
}
console.log(`built ${DIST}`);
