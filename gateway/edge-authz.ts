import { createHash } from 'node:crypto';
import { DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES } from '@apollo/federation-internals';
import {
  buildASTSchema,
  getNamedType,
  isObjectType,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import { fieldRequirements, type Requirement } from '../common/authz.js';
import { ForbiddenError } from '../common/errors.js';
import { hasScopes, type Principal } from '../common/principal.js';

/**
 * The stock gateway refuses supergraphs that link the `@authenticated` and `@requiresScopes`
 * security features, because it does not enforce them. This gateway does (below, before any query
 * plan runs, as Apollo Router does), so it declares support for them.
 */
for (const feature of ['https://specs.apollo.dev/authenticated/v0.1', 'https://specs.apollo.dev/requiresScopes/v0.1']) {
  DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES.add(feature);
}

/**
 * Rejects an operation that selects any field the principal may not see, naming the first such
 * field. Decisions are cached per operation text and principal scope set.
 */
export class EdgeAuthorizer {
  private readonly schema: GraphQLSchema;
  private readonly cache = new LRUCache<string, string | true>({ max: 10_000 });

  constructor(supergraphSdl: string) {
    this.schema = buildASTSchema(parse(supergraphSdl), { assumeValidSDL: true });
  }

  check(document: DocumentNode, source: string | undefined, operationName: string | undefined | null, principal: Principal): void {
    const scopeKey = [principal.kind, ...principal.scopes].sort().join(',');
    const key = source ? createHash('sha1').update(`${operationName ?? ''}\n${scopeKey}\n${source}`).digest('base64') : undefined;
    let verdict = key ? this.cache.get(key) : undefined;
    if (verdict === undefined) {
      verdict = this.firstDenied(document, principal) ?? true;
      if (key) this.cache.set(key, verdict);
    }
    if (verdict !== true) throw new ForbiddenError(`${verdict} is not available to a ${principal.kind} principal`, { field: verdict });
  }

  private firstDenied(document: DocumentNode, principal: Principal): string | undefined {
    const typeInfo = new TypeInfo(this.schema);
    let denied: string | undefined;
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field() {
          if (denied) return false;
          const parent = typeInfo.getParentType();
          const field = typeInfo.getFieldDef();
          if (!parent || !field || !isObjectType(getNamedType(parent))) return undefined;
          const reqs: Requirement[] = fieldRequirements(parent as never, field as never);
          if (reqs.some((r) => r.scopes?.length && !hasScopes(principal, r.scopes))) {
            denied = `${parent.name}.${field.name}`;
            return false;
          }
          return undefined;
        },
      }),
    );
    return denied;
  }
}
