import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../scripts/supergraph.js';

/**
 * The electronic ID code came as a fifth subgraph that changed none of the other four: its own folder,
 * supergraph.yaml, the composed supergraph and configuration (issue 14). The manifest beside this test
 * holds a SHA-256 of every file of the four as they stood when eid was added, so the claim is checked
 * in any clean clone, without git history. A later change to one of the four for its own sake
 * rewrites the manifest (`UPDATE_SUBGRAPH_MANIFEST=1 npx vitest run test/subgraph-additive.test.ts`)
 * in that change's commit, where a reviewer sees it.
 */
const OTHERS = ['identity', 'declarations', 'health-status', 'interop'] as const;
const MANIFEST = new URL('./fixtures/other-subgraphs.sha256', import.meta.url);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

function currentManifest(): string {
  const lines = OTHERS.flatMap((name) => files(join(ROOT, 'subgraphs', name)))
    .map((file) => `${createHash('sha256').update(readFileSync(file)).digest('hex')}  ${relative(ROOT, file)}`)
    .sort((a, b) => (a.slice(66) < b.slice(66) ? -1 : 1));
  return `${lines.join('\n')}\n`;
}

describe('adding the eid subgraph', () => {
  if (process.env.UPDATE_SUBGRAPH_MANIFEST === '1') writeFileSync(MANIFEST, currentManifest());

  it('changed no file of identity, declarations, health-status or interop', () => {
    expect(currentManifest()).toBe(readFileSync(MANIFEST, 'utf8'));
  });

  it('is known to none of them: no other subgraph names eid or imports from its folder', () => {
    const mentions = OTHERS.flatMap((name) => files(join(ROOT, 'subgraphs', name)))
      .filter((file) => /\.(ts|graphql)$/.test(file) && !file.includes('__generated__'))
      .filter((file) => /subgraphs\/eid|from '\.\.\/(\.\.\/)*eid\/|\bIdentityCode\b/.test(readFileSync(file, 'utf8')));
    expect(mentions.map((f) => relative(ROOT, f))).toEqual([]);
  });
});
