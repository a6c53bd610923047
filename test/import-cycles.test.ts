import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../scripts/supergraph.js';

/**
 * No module imports itself back, type-only imports included (they still make two files impossible to
 * read, move or test apart). A small resolver of relative imports over every .ts/.tsx file, server and
 * web, so no tool has to be installed for the check; madge would report the same cycles.
 */
const SKIP_DIRS = new Set(['node_modules', 'dist', 'data']);
// `import … from`, `export … from`, side-effect `import '…'` and `import('…')`, relative specifiers only.
const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]|\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;
// Relative specifiers that are not this file's imports: a child script's source written as text (resolved from the root).
const NOT_IMPORTS: Record<string, string[]> = { 'test/e2e/pglite-lock.test.ts': ['./common/config.ts', './scripts/stack.ts'] };

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name.startsWith('.') || SKIP_DIRS.has(e.name)) return [];
    if (e.isDirectory()) return sources(join(dir, e.name));
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [];
  });
}

/** The file a relative specifier names: TypeScript's `.js` → `.ts`/`.tsx`, or the extension as written. */
function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.jsx?$/, '');
  return [`${stem}.ts`, `${stem}.tsx`, base, join(base, 'index.ts')].find((c) => /\.tsx?$/.test(c) && existsSync(c) && statSync(c).isFile());
}

function importGraph(): { graph: Map<string, string[]>; unresolved: string[] } {
  const graph = new Map<string, string[]>();
  const unresolved: string[] = [];
  for (const file of sources(ROOT)) {
    const name = relative(ROOT, file);
    // Block comments may quote an import; they are not one.
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    const deps = new Set<string>();
    for (const m of text.matchAll(IMPORT)) {
      const specifier = (m[1] ?? m[2])!;
      const target = resolveImport(file, specifier);
      if (target) deps.add(relative(ROOT, target));
      // Styles and data (the H5 page's regions.json) import nothing: leaves, as long as the file is there.
      else if (!(/\.css$/.test(specifier) || (/\.json$/.test(specifier) && existsSync(resolve(dirname(file), specifier)))) && !NOT_IMPORTS[name]?.includes(specifier)) unresolved.push(`${name} → ${specifier}`);
    }
    graph.set(name, [...deps].sort());
  }
  return { graph, unresolved };
}

/** Every cycle a depth-first walk closes, each named by its files in import order. */
function cycles(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (file: string) => {
    path.push(file);
    onPath.add(file);
    for (const dep of graph.get(file) ?? []) {
      if (onPath.has(dep)) found.push([...path.slice(path.indexOf(dep)), dep].join(' → '));
      else if (!done.has(dep)) visit(dep);
    }
    path.pop();
    onPath.delete(file);
    done.add(file);
  };
  for (const file of [...graph.keys()].sort()) if (!done.has(file)) visit(file);
  return found;
}

describe('the import graph', () => {
  const { graph, unresolved } = importGraph();

  it('is read whole: server and web files, type-only imports included, every relative import resolved', () => {
    expect(graph.size).toBeGreaterThan(300);
    expect([...graph.keys()].some((f) => f.startsWith('web/') && f.endsWith('.tsx'))).toBe(true);
    // `import type { … } from './subgraph.js'`: a type-only edge is an edge.
    expect(graph.get('common/define-subgraph.ts')).toContain('common/subgraph.ts');
    expect(unresolved).toEqual([]);
  });

  it('has no cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('names a cycle when there is one', () => {
    const graphWithCycle = new Map([...graph, ['common/metrics.ts', [...graph.get('common/metrics.ts')!, 'common/db.ts']]]);
    expect(cycles(graphWithCycle)).toContain('common/db.ts → common/metrics.ts → common/db.ts');
  });
});
