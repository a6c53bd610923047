import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { Supergraph } from '@apollo/federation-internals';
import { filterSchema, pruneSchema } from '@graphql-tools/utils';
import {
  buildSchema,
  GraphQLError,
  GraphQLSchema,
  execute,
  isInterfaceType,
  isObjectType,
  Kind,
  parse,
  printSchema,
  specifiedRules,
  validate,
  type DocumentNode,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Principal, PrincipalKind } from '../common/domain/principal.js';
import type { GatewayContext } from './context.js';

/**
 * Per-audience schema contracts, as Apollo's contracts make them: each audience is an `@tag` on the
 * subgraphs' SDL, and its contract is the API schema filtered to what carries its tag.
 *
 * - A root field (`Query`, `Mutation`) is in when the field carries the tag.
 * - Any other object or interface type: all of its fields when the type carries the tag, otherwise
 *   only the fields that carry it (`Person` is tagged field by field).
 * - A type left without fields is out, and so is every field that returns it; then whatever is no
 *   longer reachable from a root (enums, inputs, scalars included) is pruned.
 *
 * The health authority and operators see the whole graph. docs/contracts.md explains the rest.
 */
export const AUDIENCES = ['channel', 'province', 'dashboard', 'checkpoint', 'employer', 'hotline'] as const;
export type Audience = (typeof AUDIENCES)[number];

/**
 * The contract each kind of principal sees; `null` for the authority and operators, who see the whole
 * graph. A record, not a default: a kind added to the principal's union does not compile until someone
 * decides what it may see, so no new kind is handed the whole graph by omission.
 */
const CONTRACT_OF: Record<PrincipalKind, Audience | null> = {
  channel: 'channel',
  province: 'province',
  dashboard: 'dashboard',
  checkpoint: 'checkpoint',
  employer: 'employer',
  hotline: 'hotline',
  authority: null,
  admin: null,
};

export function audienceOf(kind: PrincipalKind): Audience | null {
  return CONTRACT_OF[kind];
}

export const CONTRACT_FILE = (audience: Audience) => new URL(`../schema/contracts/${audience}.graphql`, import.meta.url);

/** `Type` and `Type.field` → the tags applied there, read from the supergraph (composition merges them). */
function tagsOf(supergraph: DocumentNode): Map<string, Set<string>> {
  const tags = new Map<string, Set<string>>();
  const add = (coordinate: string, directives: readonly { name: { value: string }; arguments?: readonly { name: { value: string }; value: { kind: string; value?: unknown } }[] }[] | undefined) => {
    for (const d of directives ?? []) {
      if (d.name.value !== 'tag') continue;
      const name = d.arguments?.find((a) => a.name.value === 'name')?.value;
      if (name?.kind === Kind.STRING && typeof name.value === 'string') tags.set(coordinate, (tags.get(coordinate) ?? new Set()).add(name.value));
    }
  };
  for (const def of supergraph.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    add(def.name.value, def.directives);
    for (const field of def.fields ?? []) add(`${def.name.value}.${field.name.value}`, field.directives);
  }
  return tags;
}

/** The API schema of the supergraph (what clients see: no join/link machinery, no `_entities`). */
export function apiSchema(supergraphSdl: string): GraphQLSchema {
  // Building it takes seconds; every audience's contract starts from the same one (filtering copies).
  if (lastApi?.sdl !== supergraphSdl) {
    // No feature check: this only reads the schema; what the gateway enforces is edge-authz's to declare.
    lastApi = { sdl: supergraphSdl, schema: Supergraph.build(supergraphSdl, { supportedFeatures: null }).apiSchema().toGraphQLJSSchema() };
  }
  return lastApi.schema;
}
let lastApi: { sdl: string; schema: GraphQLSchema } | undefined;

/** One audience's contract of the supergraph. */
export function contractSchema(supergraphSdl: string, audience: Audience): GraphQLSchema {
  const tags = tagsOf(parse(supergraphSdl));
  const has = (coordinate: string) => tags.get(coordinate)?.has(audience) ?? false;
  let schema = apiSchema(supergraphSdl);
  const roots = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name, schema.getSubscriptionType()?.name]);
  const inField = (type: string, field: string) => has(`${type}.${field}`) || (!roots.has(type) && has(type));
  // Removing a type drops the fields that return it, which may empty another type: repeat until none is empty.
  for (let emptied = new Set<string>(); ; ) {
    schema = filterSchema({
      schema,
      rootFieldFilter: (operation, field) => inField(operation, field),
      objectFieldFilter: (type, field) => inField(type, field),
      interfaceFieldFilter: (type, field) => inField(type, field),
      typeFilter: (name) => !emptied.has(name),
    });
    emptied = new Set(
      Object.values(schema.getTypeMap())
        .filter((t) => (isObjectType(t) || isInterfaceType(t)) && !t.name.startsWith('__') && !Object.keys(t.getFields()).length)
        .map((t) => t.name),
    );
    if (!emptied.size) break;
    // A root left empty (no mutation for a dashboard) is dropped from the schema itself.
    const config = schema.toConfig();
    schema = new GraphQLSchema({
      ...config,
      mutation: config.mutation && emptied.has(config.mutation.name) ? undefined : config.mutation,
      subscription: config.subscription && emptied.has(config.subscription.name) ? undefined : config.subscription,
      types: config.types.filter((t) => !(roots.has(t.name) && emptied.has(t.name))),
    });
  }
  return pruneSchema(schema);
}

/** The published text of a contract, `schema/contracts/<audience>.graphql`. */
export function contractText(supergraphSdl: string, audience: Audience): string {
  return `# The ${audience} contract of the supergraph, written by \`npm run compose\` from the @tag(name: "${audience}") in the subgraphs' SDL: do not edit.\n${printSchema(contractSchema(supergraphSdl, audience))}\n`;
}

const VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED';

/**
 * Validates operations against the caller's contract, so a field outside it is refused before any
 * plan is made, exactly as a field that does not exist is: the same message, code, status and
 * locations, and suggestions ("Did you mean") drawn from the contract only. Results are cached per
 * audience and operation text, so a known operation costs a hash and a lookup.
 */
export class ContractGuard {
  private readonly schemas: Map<Audience, GraphQLSchema>;
  private readonly cache = new LRUCache<string, readonly GraphQLError[]>({ max: 10_000 });

  constructor(schemas?: Map<Audience, GraphQLSchema>) {
    this.schemas = schemas ?? new Map(AUDIENCES.map((a) => [a, buildSchema(readFileSync(CONTRACT_FILE(a), 'utf8'))]));
  }

  schemaFor(principal: Pick<Principal, 'kind'>): GraphQLSchema | undefined {
    const audience = audienceOf(principal.kind);
    return audience ? this.schemas.get(audience) : undefined;
  }

  /** The contract's validation errors for this operation (none for the authority and operators). */
  errors(principal: Pick<Principal, 'kind'>, document: DocumentNode, source: string | undefined): readonly GraphQLError[] {
    const audience = audienceOf(principal.kind);
    const schema = audience && this.schemas.get(audience);
    if (!audience || !schema) return [];
    const key = source === undefined ? undefined : `${audience}\n${createHash('sha256').update(source).digest('base64')}`;
    const hit = key ? this.cache.get(key) : undefined;
    if (hit) return hit;
    const errors = validate(schema, document, specifiedRules);
    if (key) this.cache.set(key, errors);
    return errors;
  }
}

/** A contract error as Apollo Server shapes a validation error (400, GRAPHQL_VALIDATION_FAILED). */
function asValidationError(e: GraphQLError): GraphQLError {
  return new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, originalError: e, extensions: { code: VALIDATION_FAILED, http: { status: 400 } } });
}

/**
 * Enforces the contracts in Apollo Server's request pipeline. An operation that fails validation
 * against the whole graph gets its errors from the contract instead (which reports the fields
 * outside the contract as well as the unknown ones, with the contract's suggestions). One that
 * passes is checked against the contract once its operation is resolved, which also covers the
 * documents Apollo serves from its cache without validating again. Must come before graphql-armor's
 * plugins, whose suggestion masking then sees every error.
 */
export function contractPlugin(guard: ContractGuard): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      let pending: GraphQLError[] = [];
      return {
        async validationDidStart({ contextValue, document, source }) {
          return async (errors) => {
            if (!errors?.length) return;
            const contract = guard.errors(contextValue.principal, document, source);
            if (!contract.length) return;
            // Apollo answers with this very array: the schema's errors make way for the contract's,
            // and any other rule's (operation limits) stay.
            const list = errors as GraphQLError[];
            // graphql-js's own rules set no code; ours (operation limits) always do.
            const others = list.filter((e) => e.extensions.code);
            list.splice(0, list.length, ...contract, ...others);
          };
        },
        async didResolveOperation({ contextValue, document, source }) {
          const contract = guard.errors(contextValue.principal, document, source);
          if (!contract.length) return;
          const [first, ...rest] = contract.map(asValidationError);
          pending = rest;
          throw first!;
        },
        // Introspection, where it is allowed at all (not in production), describes the caller's contract.
        async responseForOperation({ contextValue, document, operationName, request }) {
          const schema = guard.schemaFor(contextValue.principal);
          if (!schema || !introspectionOnly(document, operationName)) return null;
          const result = await execute({ schema, document, operationName, variableValues: request.variables });
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: result.data as Record<string, unknown> | null | undefined, ...(result.errors ? { errors: result.errors.map((e) => e.toJSON()) } : {}) } } };
        },
        async didEncounterErrors({ errors }) {
          // Apollo Server reports one error thrown from a hook; the others join the same list here,
          // before anything formats it, so the answer holds every one as validation would.
          if (pending.length) (errors as GraphQLError[]).push(...pending.splice(0));
        },
      };
    },
  };
}

/** True when the operation selects nothing but `__schema`, `__type` and `__typename` at its root. */
function introspectionOnly(document: DocumentNode, operationName: string | null | undefined): boolean {
  const op = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName));
  return op?.kind === Kind.OPERATION_DEFINITION && op.operation === 'query' && op.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'));
}
