import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Supergraph } from '@apollo/federation-internals';
import { Kind, TokenKind, parse, print, validate, visit, type DefinitionNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';

/**
 * The safelist of channel operations (SPEC §8), in Apollo's persisted query manifest format so the
 * same file could feed Apollo Router or GraphOS: one entry per operation in operations/channel/, its
 * id the SHA-256 of its body (the hash Apollo clients send as `persistedQuery.sha256Hash`).
 */

export interface ManifestSource {
  /** The .graphql operations (and fragments) of this safelist. */
  dir: URL;
  /** The persisted-documents manifest graphql-codegen's client preset made for the page using them, if a page does. */
  pageDocuments?: URL;
  /** Where the Apollo persisted query manifest is written. */
  file: URL;
}

/** The channel safelist (with the H5 page's documents), the dashboard page's and the verifier page's safelists. */
export const CHANNEL_MANIFEST: ManifestSource = {
  dir: new URL('../operations/channel/', import.meta.url),
  pageDocuments: new URL('../web/h5/gql/persisted-documents.json', import.meta.url),
  file: new URL('../schema/persisted-operations.json', import.meta.url),
};
export const DASHBOARD_MANIFEST: ManifestSource = {
  dir: new URL('../operations/dashboard/', import.meta.url),
  pageDocuments: new URL('../web/dashboard/gql/persisted-documents.json', import.meta.url),
  file: new URL('../schema/dashboard-operations.json', import.meta.url),
};
/** The verifier page's (/verifier/): what a checkpoint officer's session may run. */
export const VERIFIER_MANIFEST: ManifestSource = {
  dir: new URL('../operations/verifier/', import.meta.url),
  pageDocuments: new URL('../web/verifier/gql/persisted-documents.json', import.meta.url),
  file: new URL('../schema/verifier-operations.json', import.meta.url),
};
/** The GB/T 38963 interface's operations (gateway/national/): no page, no client but the gateway itself. */
export const NATIONAL_MANIFEST: ManifestSource = {
  dir: new URL('../operations/national/', import.meta.url),
  file: new URL('../schema/national-operations.json', import.meta.url),
};
export const MANIFESTS = [CHANNEL_MANIFEST, DASHBOARD_MANIFEST, VERIFIER_MANIFEST, NATIONAL_MANIFEST] as const;
export const MANIFEST_FILE = CHANNEL_MANIFEST.file;
const SUPERGRAPH_FILE = new URL('../schema/supergraph.graphql', import.meta.url);

export interface PersistedOperation {
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
  /** Marked `# @callerIndependent` in its .graphql file: identical ones in flight share one answer (gateway/shared-reads.ts). */
  callerIndependent?: true;
}

/** The comment lines right above an operation: `# @callerIndependent` marks a read whose answer is the same for every caller allowed to run it. */
function callerIndependent(op: OperationDefinitionNode): boolean {
  for (let token = op.loc?.startToken.prev; token?.kind === TokenKind.COMMENT; token = token.prev) {
    if (token.value.trim() === '@callerIndependent') {
      if (op.operation !== 'query') throw new Error(`${op.name?.value}: only a query may be @callerIndependent`);
      return true;
    }
  }
  return false;
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

/**
 * Builds the manifest from the .graphql files, refusing any operation the supergraph's API does not
 * accept, and merges in the page's persisted documents: the same operations as codegen's client
 * preset prints them (its own normalised text, hence its own hash), which is what the page sends.
 */
export function buildManifest(source: ManifestSource = CHANNEL_MANIFEST): Manifest {
  const files = readdirSync(source.dir).filter((f) => f.endsWith('.graphql')).sort();
  const definitions = files.flatMap((f) => parse(readFileSync(new URL(f, source.dir), 'utf8')).definitions);
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
    out.push({ id: createHash('sha256').update(body).digest('hex'), name, type: op.operation, body, ...(callerIndependent(op) ? { callerIndependent: true as const } : {}) });
  }
  const names = new Set(out.map((o) => o.name));
  for (const doc of pageDocuments(source)) {
    if (!names.has(doc.name)) throw new Error(`${source.pageDocuments!.pathname}: ${doc.name} is not in ${source.dir.pathname} (run npm run codegen)`);
    const errors = validate(api, parse(doc.body));
    if (errors.length) throw new Error(`${doc.name}: ${errors.map((e) => e.message).join('; ')}`);
    const same = out.find((o) => o.name === doc.name);
    if (!out.some((o) => o.id === doc.id)) out.push(same?.callerIndependent ? { ...doc, callerIndependent: true } : doc);
  }
  const order = (a: PersistedOperation, b: PersistedOperation) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  return { format: 'apollo-persisted-query-manifest', version: 1, operations: out.sort(order) };
}

/** The page's persisted documents (`{"sha256:<hash>": body}`), each checked to hash to its key. */
export function pageDocuments(source: ManifestSource): PersistedOperation[] {
  if (!source.pageDocuments) return [];
  const file = source.pageDocuments;
  const docs = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  return Object.entries(docs).map(([key, body]) => {
    const id = key.replace(/^sha256:/, '');
    if (createHash('sha256').update(body).digest('hex') !== id) throw new Error(`${file.pathname}: ${key} does not hash to its key`);
    const op = parse(body).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (!op?.name) throw new Error(`${file.pathname}: ${key} has no named operation`);
    return { id, name: op.name.value, type: op.operation, body };
  });
}

export const manifestText = (m: Manifest): string => `${JSON.stringify(m, null, 2)}\n`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const source of MANIFESTS) {
    const manifest = buildManifest(source);
    writeFileSync(source.file, manifestText(manifest));
    console.log(`wrote ${source.file.pathname}: ${manifest.operations.length} operations`);
  }
}
