import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import madge from 'madge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../scripts/supergraph.js';

/**
 * No module imports itself back, type-only imports included (they still make two files impossible to
 * read, move or test apart): madge over every .ts/.tsx file, server, web, tests and benchmarks.
 */
const TYPESCRIPT = { skipTypeImports: false, skipAsyncImports: false };
const graphOf = (dirs: string[], baseDir: string) =>
  madge(dirs, {
    baseDir,
    fileExtensions: ['ts', 'tsx'],
    tsConfig: join(ROOT, 'tsconfig.json'),
    excludeRegExp: [/node_modules/, /(^|\/)dist\//, /\.d\.ts$/],
    detectiveOptions: { ts: TYPESCRIPT, tsx: TYPESCRIPT, es6: TYPESCRIPT },
  });

describe('the import graph (madge)', () => {
  let graph: Awaited<ReturnType<typeof graphOf>>;
  beforeAll(async () => {
    graph = await graphOf(['common', 'gateway', 'subgraphs', 'scripts', 'web', 'test', 'bench'], ROOT);
  }, 120_000);

  it('is read whole: server and web files, type-only imports included, every import resolved', () => {
    const files = graph.obj();
    expect(Object.keys(files).length).toBeGreaterThan(300);
    expect(Object.keys(files).some((f) => f.startsWith('web/') && f.endsWith('.tsx'))).toBe(true);
    // `import type { … } from './subgraph.js'`: a type-only edge is an edge.
    expect(files['common/platform/define-subgraph.ts']).toContain('common/platform/subgraph.ts');
    // Only packages may be left unresolved (vite's own config imports it); a file of ours never.
    expect(graph.warnings().skipped.filter((s) => s.startsWith('.') || s.includes('/'))).toEqual([]);
  });

  it('has no cycle', () => {
    expect(graph.circular()).toEqual([]);
  });

  describe('on two files that import each other, one of them for a type only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hcg-cycle-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('names the cycle', async () => {
      writeFileSync(join(dir, 'db.ts'), "import { count } from './metrics.js';\nexport const query = () => count();\n");
      writeFileSync(join(dir, 'metrics.ts'), "import type { query } from './db.js';\nexport const count = (): ReturnType<typeof query> | 0 => 0;\n");
      const cyclic = await graphOf([dir], dir);
      expect(cyclic.circular()).toEqual([['db.ts', 'metrics.ts']]);
    });
  });
});
