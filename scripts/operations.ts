import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Supergraph } from '@apollo/federation-internals';
import { Kind, parse, print, validate, visit, type DefinitionNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';

/**
 * The safelist of channel operations (SPEC §8), in Apollo's persisted query manifest format so the
 * same file could feed Apollo Router or GraphOS: one entry per operation in operations/channel/, its
 * id the SHA-256 of its body (the hash Apollo clients send as `persistedQuery.sha256Hash`).
 */

const OPERATIONS_DIR = new URL('../operations/channel/', import.meta.url);
export const MANIFEST_FILE = new URL('../schema/persisted-operations.json', import.meta.url);
const SUPERGRAPH_FILE = new URL('../schema/supergraph.graphql', import.meta.url);

export interface PersistedOperation {
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

export interface Manifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: PersistedOperation[];
}

/** The fragments an operation spreads, transitively. */
function fragmentsOf(node: DefinitionNode, all: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): Set<string> {
  visit(node, {
    FragmentSpread(spread) {
      const name = spread.name.value;
      if (seen.has(name)) return;
      seen.add(name);
      const fragment = all.get(name);
      if (!fragment) throw new Error(`unknown fragment ${name}`);
      fragmentsOf(fragment, all, seen);
    },
  });
  return seen;
}

/** Builds the manifest from the .graphql files, refusing any operation the supergraph's API does not accept. */
export function buildManifest(): Manifest {
  const files = readdirSync(OPERATIONS_DIR).filter((f) => f.endsWith('.graphql')).sort();
  const definitions = files.flatMap((f) => parse(readFileSync(new URL(f, OPERATIONS_DIR), 'utf8')).definitions);
  const fragments = new Map(definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const operations = definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  // Only the API matters here, not which features a gateway must support to execute it.
  const api = Supergraph.build(readFileSync(SUPERGRAPH_FILE, 'utf8'), { supportedFeatures: null }).apiSchema().toGraphQLJSSchema();

  const out: PersistedOperation[] = [];
  for (const op of operations) {
    const name = op.name?.value;
    if (!name) throw new Error('every safelisted operation needs a name');
    if (out.some((o) => o.name === name)) throw new Error(`two operations named ${name}`);
    const used = [...fragmentsOf(op, fragments)].sort().map((f) => fragments.get(f)!);
    const document = { kind: Kind.DOCUMENT, definitions: [op, ...used] } as const;
    const errors = validate(api, document);
    if (errors.length) throw new Error(`${name}: ${errors.map((e) => e.message).join('; ')}`);
    const body = print(document);
    out.push({ id: createHash('sha256').update(body).digest('hex'), name, type: op.operation, body });
  }
  return { format: 'apollo-persisted-query-manifest', version: 1, operations: out.sort((a, b) => a.name.localeCompare(b.name)) };
}

export const manifestText = (m: Manifest): string => `${JSON.stringify(m, null, 2)}\n`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const manifest = buildManifest();
  writeFileSync(MANIFEST_FILE, manifestText(manifest));
  console.log(`wrote ${MANIFEST_FILE.pathname}: ${manifest.operations.length} operations`);
}
