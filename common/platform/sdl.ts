import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse, print, type DefinitionNode, type DocumentNode, type ObjectTypeDefinitionNode } from 'graphql';

/**
 * A subgraph's SDL lives beside the code that serves it: `shared.graphql` (the `@link` header, scalars
 * and types more than one feature uses) and `modules/<feature>/<feature>.graphql`. A feature adds its
 * root fields and its `Person` fields by writing `type Query { … }` / `type Person { … }` again; this
 * joins them into one type, as graphql-hive's modules do. The server, `npm run compose` and codegen
 * all read a subgraph through `subgraphSdl`, so there is one way the parts become a schema.
 */
export function subgraphSdlFiles(subgraphDir: string): string[] {
  const modules = join(subgraphDir, 'modules');
  const parts = readdirSync(modules, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(modules, entry.name, `${entry.name}.graphql`))
    .filter((file) => existsSync(file))
    .sort();
  return [join(subgraphDir, 'shared.graphql'), ...parts];
}

/** The subgraph's whole SDL as one document (what `buildSubgraphSchema` and composition take). */
export function subgraphSdl(subgraphDir: string | URL): DocumentNode {
  const dir = typeof subgraphDir === 'string' ? subgraphDir : fileURLToPath(subgraphDir);
  return mergeSdl(subgraphSdlFiles(dir).map((file) => parse(readFileSync(file, 'utf8'))));
}

/** The same document as text, for tools that read a file (rover's `supergraph.yaml`, codegen). */
export function subgraphSdlText(subgraphDir: string | URL): string {
  return `${print(subgraphSdl(subgraphDir))}\n`;
}

/**
 * Joins object types written in several parts: fields in the order the parts bring them, the doc
 * string and directives from whichever part has them. A field defined twice is an error, so two
 * features cannot silently claim the same field. Every other definition must be unique already
 * (composition reports duplicates).
 */
export function mergeSdl(documents: DocumentNode[]): DocumentNode {
  const definitions: DefinitionNode[] = [];
  const objects = new Map<string, number>();
  for (const definition of documents.flatMap((doc) => doc.definitions)) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) {
      definitions.push(definition);
      continue;
    }
    const at = objects.get(definition.name.value);
    if (at === undefined) {
      objects.set(definition.name.value, definitions.length);
      definitions.push(definition);
      continue;
    }
    definitions[at] = joinObject(definitions[at] as ObjectTypeDefinitionNode, definition);
  }
  return { kind: Kind.DOCUMENT, definitions };
}

function joinObject(first: ObjectTypeDefinitionNode, next: ObjectTypeDefinitionNode): ObjectTypeDefinitionNode {
  const name = first.name.value;
  const seen = new Set((first.fields ?? []).map((field) => field.name.value));
  for (const field of next.fields ?? []) {
    if (seen.has(field.name.value)) throw new Error(`SDL: ${name}.${field.name.value} is defined in two parts`);
  }
  if (first.description && next.description) throw new Error(`SDL: ${name} has a doc string in two parts`);
  return {
    ...first,
    description: first.description ?? next.description,
    interfaces: [...(first.interfaces ?? []), ...(next.interfaces ?? [])],
    directives: [...(first.directives ?? []), ...(next.directives ?? [])],
    fields: [...(first.fields ?? []), ...(next.fields ?? [])],
  };
}
