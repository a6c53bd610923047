import {
  defaultFieldResolver,
  isObjectType,
  valueFromASTUntyped,
  type ConstDirectiveNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { ForbiddenError, UnauthenticatedError } from './errors.js';
import { hasScopes, type Principal } from '../domain/principal.js';

/**
 * Enforces the federation access directives that the SDL declares (`@authenticated`,
 * `@requiresScopes`) in the subgraph that owns the field, so the SDL stays the one place where
 * access is stated and a gateway that ignores the directives cannot open a hole.
 */
export type Requirement = { authenticated: boolean; scopes?: string[][] };

function requirementOf(directives: readonly ConstDirectiveNode[] | undefined): Requirement | undefined {
  let req: Requirement | undefined;
  for (const d of directives ?? []) {
    if (d.name.value === 'authenticated') req = { ...req, authenticated: true };
    if (d.name.value === 'requiresScopes') {
      const arg = d.arguments?.find((a) => a.name.value === 'scopes');
      const scopes = arg ? (valueFromASTUntyped(arg.value) as string[][]) : [];
      req = { authenticated: true, scopes: [...(req?.scopes ?? []), ...scopes] };
    }
  }
  return req;
}

function typeRequirement(type: GraphQLObjectType): Requirement | undefined {
  return requirementOf([type.astNode, ...(type.extensionASTNodes ?? [])].flatMap((n) => n?.directives ?? []));
}

/** Type-level and field-level requirements both apply (as in Apollo Router), so both are returned. */
export function fieldRequirements(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): Requirement[] {
  return [typeRequirement(type), requirementOf(field.astNode?.directives)].filter((r): r is Requirement => !!r);
}

/** The one refusal of a field, raised alike by the gateway's edge check and the owning subgraph (docs/errors.md). */
export function forbiddenField(coordinate: string, principal: Pick<Principal, 'kind'>): ForbiddenError {
  return new ForbiddenError(`${coordinate} is not available to a ${principal.kind} principal`, { reason: 'MISSING_SCOPE', coordinate });
}

export function assertAllowed(principal: Principal | undefined, req: Requirement, coordinate: string): void {
  if (!principal) throw new UnauthenticatedError();
  if (req.scopes?.length && !hasScopes(principal, req.scopes)) throw forbiddenField(coordinate, principal);
}

/** Wraps every field that carries an access directive; returns the same schema object. */
export function enforceAccessDirectives<C extends { principal?: Principal }>(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const reqs = fieldRequirements(type, field);
      if (!reqs.length) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const coordinate = `${type.name}.${field.name}`;
      field.resolve = (source, args, ctx: C, info) => {
        for (const req of reqs) assertAllowed(ctx.principal, req, coordinate);
        return resolve(source, args, ctx, info);
      };
    }
  }
  return schema;
}
