import {
  defaultFieldResolver,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { BadUserInputError } from './errors.js';
import { textKindOf, textProblem } from './text.js';

/**
 * Checks every String and ID in a field's arguments, input objects and lists included, against
 * the text rules (common/platform/text.ts) before the resolver runs: a NUL, a control character, a
 * bidirectional override in a name or an over-long value answers BAD_USER_INPUT with a reason and
 * the input path, instead of reaching SQL (where NUL is a server error) or a stored record.
 */
export function checkInput(type: GraphQLInputType, value: unknown, name: string, path: string): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return checkInput(type.ofType, value, name, path);
  if (isListType(type)) {
    if (Array.isArray(value)) value.forEach((v, i) => checkInput(type.ofType as GraphQLInputType, v, name, `${path}.${i}`));
    return;
  }
  if (isInputObjectType(type)) {
    for (const f of Object.values(type.getFields())) checkInput(f.type, (value as Record<string, unknown>)[f.name], f.name, `${path}.${f.name}`);
    return;
  }
  if (isScalarType(type) && (type.name === 'String' || type.name === 'ID') && typeof value === 'string') {
    const problem = textProblem(value, textKindOf(name));
    if (problem) throw new BadUserInputError(`${path} ${problem.message}`, { field: path, reason: problem.reason });
  }
}

/** Whether an argument can hold text at all; fields without any are left unwrapped. */
function holdsText(type: GraphQLInputType, seen = new Set<string>()): boolean {
  const named = getNamedType(type);
  if (isScalarType(named)) return named.name === 'String' || named.name === 'ID';
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((f) => holdsText(f.type, seen));
}

/** Wraps every field that takes text arguments; returns the same schema object. */
export function enforceInputHygiene(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const args = field.args.filter((a) => holdsText(a.type));
      if (!args.length) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, values, ctx, info) => {
        for (const a of args) checkInput(a.type, (values as Record<string, unknown>)[a.name], a.name, a.name);
        return resolve(source, values, ctx, info);
      };
    }
  }
  return schema;
}
