import { isUnionType, Kind, parse, type GraphQLSchema } from 'graphql';
import { BadUserInputError } from './errors.js';

/** The top-level field names of a `@key(fields:)` selection, e.g. `"id"` → `["id"]`. */
function keyFieldNames(fields: string): string[] {
  const op = parse(`{ ${fields} }`).definitions[0];
  if (op?.kind !== Kind.OPERATION_DEFINITION) return [];
  return op.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
}

/** Each resolvable entity type of this subgraph with its `@key` field sets. */
function entityKeys(schema: GraphQLSchema): Map<string, string[][]> {
  const union = schema.getType('_Entity');
  const keys = new Map<string, string[][]>();
  for (const type of isUnionType(union) ? union.getTypes() : []) {
    const sets: string[][] = [];
    for (const node of [type.astNode, ...type.extensionASTNodes]) {
      for (const d of node?.directives ?? []) {
        const fields = d.name.value === 'key' ? d.arguments?.find((a) => a.name.value === 'fields')?.value : undefined;
        if (fields?.kind === Kind.STRING) sets.push(keyFieldNames(fields.value));
      }
    }
    keys.set(type.name, sets);
  }
  return keys;
}

/**
 * Federation's `_entities` takes `_Any` representations, which no GraphQL validation checks:
 * `@apollo/subgraph` throws an uncoded error (INTERNAL) for an unknown `__typename`, and a resolver
 * handed a representation without its key answers an entity with no identity. A representation must
 * be an object naming one of this subgraph's resolvable entity types and carrying one of its keys;
 * anything else is the caller's mistake (BAD_USER_INPUT, reason BAD_REPRESENTATION).
 */
export function enforceRepresentations(schema: GraphQLSchema): GraphQLSchema {
  const field = schema.getQueryType()?.getFields()._entities;
  const resolve = field?.resolve;
  if (!field || !resolve) return schema;
  const keys = entityKeys(schema);
  field.resolve = (source, args: { representations?: unknown }, context, info) => {
    const reps = Array.isArray(args.representations) ? args.representations : [];
    reps.forEach((rep: unknown, i) => {
      const typename = rep && typeof rep === 'object' ? (rep as { __typename?: unknown }).__typename : undefined;
      const sets = typeof typename === 'string' ? keys.get(typename) : undefined;
      const field = `representations[${i}]`;
      if (!sets) throw new BadUserInputError(`${field} does not name an entity type this subgraph resolves`, { reason: 'BAD_REPRESENTATION', field });
      const r = rep as Record<string, unknown>;
      if (!sets.some((set) => set.every((name) => r[name] !== undefined && r[name] !== null))) {
        throw new BadUserInputError(`${field} lacks the key of ${typename as string}`, { reason: 'BAD_REPRESENTATION', field });
      }
    });
    return resolve(source, args, context, info);
  };
  return schema;
}
