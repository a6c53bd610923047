import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES } from '@apollo/federation-internals';
import {
  buildASTSchema,
  getNamedType,
  getNullableType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  print,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import { fieldRequirements, forbiddenField } from '../common/platform/authz.js';
import type { ForbiddenError } from '../common/platform/errors.js';
import { hasScopes, type Principal } from '../common/domain/principal.js';
import type { GatewayContext } from './context.js';

/**
 * The stock gateway refuses supergraphs that link the `@authenticated` and `@requiresScopes`
 * security features, because it does not enforce them. This gateway does (below, before any query
 * plan runs, as Apollo Router does), so it declares support for them.
 */
for (const feature of ['https://specs.apollo.dev/authenticated/v0.1', 'https://specs.apollo.dev/requiresScopes/v0.1']) {
  DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES.add(feature);
}

/** One field on the way from the root to a denied field, as the response names it. */
export interface Step {
  key: string;
  nonNull: boolean;
  list: boolean;
  itemNonNull: boolean;
}

/** A field the principal may not see, wherever the operation selects it. */
export interface Denial {
  coordinate: string;
  /** The field's refusal, built as the owning subgraph builds it (common/platform/authz.ts forbiddenField). */
  refusal: ForbiddenError;
  steps: Step[];
}

export interface Analysis {
  denials: Denial[];
  /** The operation without the denied fields (absent when nothing is denied). */
  document?: DocumentNode;
  queryHash?: string;
}

/** Stands in for a selection set whose every field was denied, and is removed from the answer. */
export const PLACEHOLDER = '__hcgDenied';

/** Partners (SPEC §1: interop only) reach the fields of the interop subgraph and nothing else. */
const PARTNER_GRAPH = 'INTEROP';

function stepOf(key: string, type: GraphQLOutputType): Step {
  const inner = getNullableType(type);
  const list = isListType(inner);
  return { key, nonNull: isNonNullType(type), list, itemNonNull: list && isNonNullType(inner.ofType) };
}

function ownerGraph(field: GraphQLField<unknown, unknown>): string | undefined {
  const join = field.astNode?.directives?.find((d) => d.name.value === 'join__field');
  const graph = join?.arguments?.find((a) => a.name.value === 'graph')?.value;
  return graph?.kind === Kind.ENUM ? graph.value : undefined;
}

/**
 * Authorization at the edge, before any query plan runs: finds every field the principal may not
 * see (`@requiresScopes`, and for partners anything outside interop) and removes it from the
 * operation, so the rest runs and the denied fields answer `null` with a FORBIDDEN error at their
 * path — the very shape the owning subgraph gives when it refuses a field (Apollo Router's filter
 * mode). Analyses are cached per operation text and principal scope set.
 */
export class EdgeAuthorizer {
  private readonly schema: GraphQLSchema;
  private readonly cache = new LRUCache<string, Analysis>({ max: 10_000 });

  constructor(supergraphSdl: string) {
    this.schema = buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
  }

  analyse(document: DocumentNode, source: string | undefined, operationName: string | undefined | null, principal: Principal): Analysis {
    const scopeKey = [principal.kind, ...principal.scopes].sort().join(',');
    const key = source ? createHash('sha1').update(`${operationName ?? ''}\n${scopeKey}\n${source}`).digest('base64') : undefined;
    const hit = key ? this.cache.get(key) : undefined;
    if (hit) return hit;
    const analysis = this.compute(document, operationName, principal);
    if (key) this.cache.set(key, analysis);
    return analysis;
  }

  private refusalOf(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>, principal: Principal): ForbiddenError | undefined {
    const coordinate = `${type.name}.${field.name}`;
    const root = type === this.schema.getQueryType() || type === this.schema.getMutationType();
    if (principal.kind === 'province' && root && ownerGraph(field) !== PARTNER_GRAPH) return forbiddenField(coordinate, principal);
    const reqs = fieldRequirements(type as never, field as never);
    if (reqs.some((r) => r.scopes?.length && !hasScopes(principal, r.scopes))) return forbiddenField(coordinate, principal);
    return undefined;
  }

  private compute(document: DocumentNode, operationName: string | undefined | null, principal: Principal): Analysis {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName));
    if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return { denials: [] };
    const root = operation.operation === 'mutation' ? this.schema.getMutationType() : this.schema.getQueryType();
    if (!root) return { denials: [] };

    const denials = new Map<string, Denial>();
    const walk = (set: SelectionSetNode, type: GraphQLObjectType, steps: Step[]) => {
      for (const s of set.selections) {
        if (s.kind === Kind.FIELD) {
          const field = type.getFields()[s.name.value];
          if (!field) continue;
          const path = [...steps, stepOf(s.alias?.value ?? s.name.value, field.type)];
          const refusal = this.refusalOf(type, field, principal);
          if (refusal) {
            denials.set(path.map((p) => p.key).join('.'), { coordinate: `${type.name}.${field.name}`, refusal, steps: path });
            continue;
          }
          const named = getNamedType(field.type);
          if (s.selectionSet && isObjectType(named)) walk(s.selectionSet, named, path);
        } else {
          const condition = s.kind === Kind.INLINE_FRAGMENT ? s.typeCondition : fragments.get(s.name.value)?.typeCondition;
          const inner = s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet : fragments.get(s.name.value)?.selectionSet;
          const next = condition ? this.schema.getType(condition.name.value) : type;
          if (inner && isObjectType(next)) walk(inner, next, steps);
        }
      }
    };
    walk(operation.selectionSet, root, []);
    if (!denials.size) return { denials: [] };

    // Remove the denied fields wherever they are written (fragments included): the rest still runs.
    const typeInfo = new TypeInfo(this.schema);
    const filtered = visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field: () => {
          const parent = typeInfo.getParentType();
          const field = typeInfo.getFieldDef();
          if (!parent || !field || !isObjectType(parent)) return undefined;
          return this.refusalOf(parent, field as GraphQLField<unknown, unknown>, principal) ? null : undefined;
        },
        SelectionSet: {
          leave: (node: SelectionSetNode) =>
            node.selections.length
              ? undefined
              : { ...node, selections: [{ kind: Kind.FIELD, alias: { kind: Kind.NAME, value: PLACEHOLDER }, name: { kind: Kind.NAME, value: '__typename' } }] },
        },
      }),
    );
    const text = print(filtered);
    return { denials: [...denials.values()], document: filtered, queryHash: createHash('sha256').update(text).digest('hex') };
  }
}

type Json = null | string | number | boolean | Json[] | { [k: string]: Json };

function stripPlaceholders(value: Json): void {
  if (Array.isArray(value)) value.forEach(stripPlaceholders);
  else if (value && typeof value === 'object') {
    delete value[PLACEHOLDER];
    Object.values(value).forEach(stripPlaceholders);
  }
}

/**
 * Puts the denied fields back into an answer as GraphQL execution would have: `null` with an error
 * at each concrete path, the null propagating to the nearest nullable parent (spec §6.4.4).
 * Answers the new `data` and the errors to add.
 */
export function applyDenials(data: Record<string, Json> | null | undefined, denials: Denial[]): { data: Record<string, Json> | null; errors: GraphQLFormattedError[] } {
  const errors: GraphQLFormattedError[] = [];
  if (!data) return { data: data ?? null, errors };
  stripPlaceholders(data);
  const deny = (obj: Record<string, Json>, steps: Step[], path: (string | number)[], d: Denial): boolean => {
    const [step, ...rest] = steps;
    if (!step) return false;
    if (!rest.length) {
      obj[step.key] = null;
      errors.push(d.refusal.formatted([...path, step.key]));
      return step.nonNull;
    }
    const value = obj[step.key];
    if (value === null || value === undefined || typeof value !== 'object') return false;
    if (Array.isArray(value)) {
      let nullList = false;
      value.forEach((item, i) => {
        if (item && typeof item === 'object' && !Array.isArray(item) && deny(item, rest, [...path, step.key, i], d)) {
          if (step.itemNonNull) nullList = true;
          else value[i] = null;
        }
      });
      if (!nullList) return false;
    } else if (!deny(value, rest, [...path, step.key], d)) return false;
    obj[step.key] = null;
    return step.nonNull;
  };
  let nulled = false;
  for (const d of denials) if (deny(data, d.steps, [], d)) nulled = true;
  return { data: nulled ? null : data, errors };
}

/**
 * Runs the edge check on every operation: the denied fields leave the operation before the query
 * plan is built (the plan cache is keyed by the filtered text, so principals never share a plan
 * they should not), and come back into the answer as nulls with FORBIDDEN errors.
 */
export function edgeAuthorizationPlugin(authorizer: EdgeAuthorizer): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      let denials: Denial[] = [];
      return {
        async didResolveOperation(requestContext) {
          const { document, source, operationName, contextValue } = requestContext;
          const analysis = authorizer.analyse(document, source, operationName, contextValue.principal);
          if (!analysis.document) return;
          denials = analysis.denials;
          // The gateway plans what the request context holds when execution starts; Apollo types these as read-only.
          const writable = requestContext as { document: DocumentNode; queryHash: string };
          writable.document = analysis.document;
          writable.queryHash = analysis.queryHash!;
        },
        async willSendResponse({ response }) {
          if (!denials.length || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          // Refused before execution (e.g. a limit): there is no data to put the denied fields into.
          if (!('data' in result)) return;
          const { data, errors } = applyDenials(result.data as Record<string, Json> | null | undefined, denials);
          response.body.singleResult = { ...result, data, errors: [...(result.errors ?? []), ...errors] };
        },
      };
    },
  };
}
