import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { Kind, lexicographicSortSchema, parse, printSchema, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { apiSchema } from '../gateway/contracts.js';
import { composeSupergraph, ROOT, subgraphSdlFiles } from '../scripts/supergraph.js';

/**
 * The electronic ID code came as a fifth subgraph that changed none of the other four (issue 14), and
 * a sixth must be able to come the same way: a folder and a line in supergraph.yaml. Composition is
 * what enforces it, so that is what is checked: the four compose without eid, and the graph they
 * serve is the whole graph minus exactly what eid's own SDL declares. The four may change for their
 * own sake without touching this test.
 */
const OTHERS = ['identity', 'declarations', 'health-status', 'interop'] as const;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

/** The public schema the gateway serves for a supergraph, in a stable order for comparison. */
const served = (supergraph: string): GraphQLSchema => lexicographicSortSchema(apiSchema(supergraph));

describe('adding the eid subgraph', () => {
  const all = subgraphSdlFiles();
  const full = served(composeSupergraph(all));
  const withoutEid = served(composeSupergraph(all.filter((s) => s.name !== 'eid')));

  it('left the other four composing alone, serving the whole graph minus exactly what eid declares', () => {
    expect(all.map((s) => s.name).sort()).toEqual([...OTHERS, 'eid'].sort());
    // eid's parts, read from its own SDL: its new types, and the fields it adds (not @external) to shared ones.
    const eidTypes = new Set<string>();
    const eidFields = new Set<string>();
    for (const def of parse(all.find((s) => s.name === 'eid')!.sdl).definitions) {
      if (!('name' in def) || !def.name || def.kind === Kind.DIRECTIVE_DEFINITION) continue;
      const shared = withoutEid.getType(def.name.value);
      if (!shared) {
        eidTypes.add(def.name.value);
        continue;
      }
      const sharedFields = 'getFields' in shared ? shared.getFields() : {};
      const fields = 'fields' in def ? (def.fields ?? []) : [];
      for (const f of fields) {
        if (f.directives?.some((d) => d.name.value === 'external') || f.name.value in sharedFields) continue;
        eidFields.add(`${def.name.value}.${f.name.value}`);
      }
    }
    expect([...eidTypes].sort()).toEqual(['AgeBand', 'IdentityCode', 'IdentityCodeVerification']);
    expect([...eidFields].sort()).toEqual(['Mutation.verifyIdentityCode', 'Person.identityCode']);

    const minusEid = mapSchema(full, {
      [MapperKind.TYPE]: (type) => (eidTypes.has(type.name) ? null : type),
      [MapperKind.OBJECT_FIELD]: (field, name, typeName) => (eidFields.has(`${typeName}.${name}`) ? null : field),
    });
    expect(printSchema(lexicographicSortSchema(minusEid))).toBe(printSchema(withoutEid));
  });

  it('is known to none of them: no other subgraph names eid or imports from its folder', () => {
    const mentions = OTHERS.flatMap((name) => files(join(ROOT, 'subgraphs', name)))
      .filter((file) => /\.(ts|graphql)$/.test(file) && !file.includes('__generated__'))
      .filter((file) => /subgraphs\/eid|from '\.\.\/(\.\.\/)*eid\/|\bIdentityCode\b/.test(readFileSync(file, 'utf8')));
    expect(mentions.map((f) => relative(ROOT, f))).toEqual([]);
  });
});
