import { readFileSync } from 'node:fs';
import { buildSchema, getNamedType, isObjectType, valueFromASTUntyped, type GraphQLField, type GraphQLObjectType } from 'graphql';

/** Whether a principal kind passes a field's `@requiresScopes` in the composed supergraph. */
function reachable(field: GraphQLField<unknown, unknown>, kind: string): boolean {
  const d = field.astNode?.directives?.find((x) => x.name.value === 'requiresScopes');
  if (!d) return true;
  const scopes = valueFromASTUntyped(d.arguments!.find((a) => a.name.value === 'scopes')!.value) as string[][];
  return scopes.some((set) => set.every((s) => s === kind));
}

/**
 * Every path of fields from `Query` (or `Mutation`) to a `Person` that a principal kind may select
 * in the composed supergraph (the first `Person` ends a path), e.g. `scans.edges.node.person`.
 */
export function pathsToPerson(supergraphFile: string, kind: string, root: 'Query' | 'Mutation' = 'Query', maxDepth = 6): string[] {
  const schema = buildSchema(readFileSync(supergraphFile, 'utf8'));
  const paths: string[] = [];
  const walk = (type: GraphQLObjectType, path: string[], seen: Set<string>) => {
    for (const field of Object.values(type.getFields())) {
      if (!reachable(field, kind)) continue;
      const next = getNamedType(field.type);
      const here = [...path, field.name];
      if (next.name === 'Person') paths.push(here.join('.'));
      else if (isObjectType(next) && !seen.has(next.name) && here.length < maxDepth) walk(next, here, new Set([...seen, next.name]));
    }
  };
  walk(root === 'Query' ? schema.getQueryType()! : schema.getMutationType()!, [], new Set([root]));
  return paths.sort();
}
