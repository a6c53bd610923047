import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { initials, REGIONS_FILE, regionRows, regionsText } from '../../scripts/regions.js';
import { buildManifest, CHANNEL_MANIFEST, DASHBOARD_MANIFEST, manifestText, pageDocuments, VERIFIER_MANIFEST, type Manifest } from '../../scripts/operations.js';
import { ROOT } from '../../scripts/supergraph.js';
import webCodegen from '../../web/codegen.js';

const WEB = fileURLToPath(new URL('../../web/', import.meta.url));

function filesUnder(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** The pages' generated files are checked in; these fail when one drifts from its source. */
describe('the pages: typed documents, safelists and the built bundle', () => {
  it('the typed documents are what the client preset makes of operations/ (run `npm run codegen`)', async () => {
    const outputs = (await generate({ ...webCodegen, cwd: ROOT, silent: true }, false)) as { filename: string; content: string }[];
    expect(outputs.length).toBeGreaterThanOrEqual(8);
    for (const { filename, content } of outputs) expect(readFileSync(resolve(ROOT, filename), 'utf8'), filename).toBe(content);
  });

  it.each([
    ['H5 page → channel safelist', CHANNEL_MANIFEST],
    ['dashboard page → dashboard safelist', DASHBOARD_MANIFEST],
    ['verifier page → verifier safelist', VERIFIER_MANIFEST],
  ])('every persisted document of the %s is listed with the same body and hash (run `npm run operations`)', (_name, source) => {
    const manifest = JSON.parse(readFileSync(source.file, 'utf8')) as Manifest;
    expect(readFileSync(source.file, 'utf8')).toBe(manifestText(buildManifest(source)));
    const docs = pageDocuments(source);
    expect(docs.length).toBeGreaterThan(0);
    // The manifest may say more of an operation (`callerIndependent`, gateway/shared-reads.ts); body and hash must match.
    for (const doc of docs) expect(manifest.operations).toContainEqual(expect.objectContaining(doc));
  });

  it('the region pickers\' data is what scripts/regions.ts makes of common/domain/regions with pinyin-pro (run `npm run regions`)', () => {
    expect(readFileSync(REGIONS_FILE, 'utf8')).toBe(regionsText());
    const rows = new Map(regionRows().map(([code, name, abbr]) => [code, { name, abbr }]));
    // What a resident types for the places they name most, and polyphones read the way places are said.
    expect(rows.get('440300')).toEqual({ name: '深圳市', abbr: 'szs' });
    expect(rows.get('450100')).toEqual({ name: '南宁市', abbr: 'nns' });
    expect(rows.get('500000')).toEqual({ name: '重庆市', abbr: 'cqs' });
    expect(rows.get('430100')).toEqual({ name: '长沙市', abbr: 'css' });
    expect(rows.get('350200')).toEqual({ name: '厦门市', abbr: 'xms' });
    expect(initials('广西壮族自治区')).toBe('gxzzzzq');
    // Every province, every Guangxi county, and no code twice; parents come before their children.
    expect([...rows.keys()].filter((c) => c.endsWith('0000'))).toHaveLength(34);
    expect([...rows.keys()].filter((c) => c.startsWith('45') && !c.endsWith('00'))).toHaveLength(111);
    expect(rows.size).toBe(regionRows().length);
    const seen = new Set<string>();
    for (const [code] of regionRows()) {
      const parent = code.endsWith('0000') ? null : code.endsWith('00') ? `${code.slice(0, 2)}0000` : `${code.slice(0, 4)}00`;
      if (parent) expect(seen.has(parent), `${code} after ${parent}`).toBe(true);
      seen.add(code);
    }
  });

  it('web/dist is what Vite builds from web/ (run `npm run web:build`)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'hcg-web-'));
    // Vite names minified symbols differently under NODE_ENV=test (vitest's); build as `npm run web:build` does.
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ configFile: join(WEB, 'vite.config.ts'), logLevel: 'silent', build: { outDir: out, emptyOutDir: true } });
      const built = filesUnder(out);
      const committed = filesUnder(join(WEB, 'dist'));
      expect([...committed.keys()].sort().join('\n')).toBe([...built.keys()].sort().join('\n'));
      for (const [name, content] of built) expect(committed.get(name), name).toBe(content);
    } finally {
      process.env.NODE_ENV = env;
      rmSync(out, { recursive: true, force: true });
    }
  });
});
