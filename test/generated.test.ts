import { readFileSync, readdirSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { describe, expect, it } from 'vitest';
import codegenConfig from '../codegen.js';
import { buildManifest, MANIFEST_FILE, manifestText, NATIONAL_MANIFEST } from '../scripts/operations.js';
import { composeSupergraph, ROOT, SUPERGRAPH_FILE, subgraphRegistryFiles, subgraphSdlFiles } from '../scripts/supergraph.js';

/** Generated artefacts are checked in; these tests fail when one no longer matches its source. */
describe('checked-in generated files', () => {
  it('schema/supergraph.graphql is what the subgraph SDL composes to (run `npm run compose`)', () => {
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(composeSupergraph());
  });

  it.each(subgraphSdlFiles().map((s) => [s.name, s] as const))(
    'schema/subgraphs/%s.graphql (the file supergraph.yaml names for rover) is its SDL parts joined (run `npm run compose`)',
    (_name, { file, sdl }) => {
      expect(readFileSync(file, 'utf8')).toBe(sdl);
    },
  );

  it.each(subgraphRegistryFiles().map((f) => [relative(ROOT, f.file), f] as const))(
    '%s (the subgraph registry) is what schema/supergraph.yaml lists (run `npm run compose`)',
    (_name, { file, text }) => {
      expect(readFileSync(file, 'utf8')).toBe(text);
    },
  );

  it('schema/persisted-operations.json is the channel operations, each valid against the supergraph (run `npm run operations`)', () => {
    const manifest = buildManifest();
    expect(readFileSync(MANIFEST_FILE, 'utf8')).toBe(manifestText(manifest));
    expect(manifest.operations.map((o) => o.name)).toEqual(expect.arrayContaining(['RegisterPerson', 'MyCode', 'MyHousehold', 'SubmitDeclaration']));
  });

  it('schema/national-operations.json is the GB/T 38963 interface\'s operations, each valid against the supergraph (run `npm run operations`)', () => {
    const manifest = buildManifest(NATIONAL_MANIFEST);
    expect(readFileSync(NATIONAL_MANIFEST.file, 'utf8')).toBe(manifestText(manifest));
    expect(manifest.operations.map((o) => o.name)).toEqual(['Gbt38963Apply', 'Gbt38963Channels', 'Gbt38963Code', 'Gbt38963Correct', 'Gbt38963Declare', 'Gbt38963HealthInfo', 'Gbt38963Verify']);
  });

  it('the resolver types are what codegen makes of the SDL (run `npm run codegen`)', async () => {
    const outputs = (await generate({ ...codegenConfig, cwd: ROOT, silent: true }, false)) as { filename: string; content: string }[];
    expect(outputs.length).toBe(5);
    for (const { filename, content } of outputs) {
      expect(readFileSync(resolve(ROOT, filename), 'utf8'), filename).toBe(content);
    }
  });

  const owners = [
    ['gateway', 'gateway/db', 'gateway'],
    ['identity', 'subgraphs/identity/db', 'identity'],
    ['declarations', 'subgraphs/declarations/db', 'declarations'],
    ['health-status', 'subgraphs/health-status/db', 'health_status'],
    ['interop', 'subgraphs/interop/db', 'interop'],
    ['eid', 'subgraphs/eid/db', 'eid'],
  ] as const;

  it.each(owners)('%s migrations match its drizzle tables (run `npm run db:generate`)', async (_owner, dir, pgSchema) => {
    const metaDir = resolve(ROOT, dir, 'migrations/meta');
    const latest = readdirSync(metaDir).filter((f) => f.endsWith('_snapshot.json')).sort().at(-1)!;
    const snapshot = JSON.parse(readFileSync(resolve(metaDir, latest), 'utf8'));
    const tables = (await import(resolve(ROOT, dir, 'tables.ts'))) as Record<string, unknown>;
    const current = generateDrizzleJson(tables, snapshot.id, [pgSchema]);
    expect(await generateMigration(snapshot, current)).toEqual([]);
  });
});
