import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { getNamedType, getVariableValues, isLeafType, type GraphQLFormattedError, type ParseOptions, type ValidationContext, type ValidationRule } from 'graphql';
import { getComplexity, type ComplexityEstimatorArgs } from 'graphql-query-complexity';
import { OperationLimitError } from '../common/platform/errors.js';

/**
 * Operation limits (SPEC §8): a legitimate operation is shallow and names each field once or twice;
 * anything deeper, wider or costlier is abuse. Documented for partners in docs/errors.md.
 */
export const LIMITS = {
  depth: 10,
  aliases: 15,
  directives: 20,
  tokens: 2000,
  /**
   * Cost: 1 per scalar, 2 per object, the subtree times `first` for a page (`fieldCost`): a documented
   * full page (`first: 100`) of nodes with up to about forty fields stays under it.
   */
  cost: 5000,
} as const;

export type Limit = keyof typeof LIMITS;

const overLimit = (limit: Limit, why = `The operation exceeds the ${limit} limit of ${LIMITS[limit]}`) => new OperationLimitError(why, { limit, max: LIMITS[limit] });

/** graphql-armor reports through a callback; we raise our own error, with the limit named. */
const reject =
  (limit: Limit) =>
  (ctx: ValidationContext | null): void => {
    ctx?.reportError(overLimit(limit));
  };

const armor = new ApolloArmor({
  maxDepth: { n: LIMITS.depth, propagateOnRejection: false, onReject: [reject('depth')] },
  maxAliases: { n: LIMITS.aliases, propagateOnRejection: false, onReject: [reject('aliases')] },
  maxDirectives: { n: LIMITS.directives, propagateOnRejection: false, onReject: [reject('directives')] },
  // Cost needs the variables (`first: $n`), which validation never sees: costLimitPlugin counts it.
  costLimit: { enabled: false },
  // armor's token check throws from a plugin hook, which Apollo answers 500; graphql-js's own parser
  // option (below) counts the same tokens and fails as a parse error, a 400.
  maxTokens: { enabled: false },
  blockFieldSuggestion: { enabled: true },
});

export interface OperationLimits {
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin<BaseContext>[];
  parseOptions: ParseOptions;
}

/**
 * One field's cost: 1 for a scalar, 2 for an object, and a page's whole subtree times its `first`,
 * whether written as a literal, passed as a variable or left to the argument's default.
 */
export function fieldCost({ field, args, childComplexity }: ComplexityEstimatorArgs): number {
  const own = isLeafType(getNamedType(field.type)) ? 1 : 2;
  const first = typeof args.first === 'number' && args.first > 1 ? args.first : 1;
  return first * (own + childComplexity);
}

/**
 * The cost limit, once the operation is known and before anything runs, with the request's variables:
 * a validation rule (graphql-armor's) sees only the document, so `appeals(first: $n)` counted as one.
 */
export function costLimitPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operation }) {
          const variables = request.variables ?? {};
          let cost: number;
          try {
            cost = getComplexity({ schema, query: document, variables, operationName: request.operationName ?? undefined, estimators: [fieldCost] });
          } catch (err) {
            // Variables that do not coerce: execution refuses them with its own BAD_USER_INPUT, and nothing runs.
            if (getVariableValues(schema, operation?.variableDefinitions ?? [], variables).errors) return;
            // Anything else is no reason to run an operation whose cost is unknown.
            throw overLimit('cost', `The operation's cost could not be computed: ${(err as Error).message}`);
          }
          if (cost > LIMITS.cost) throw overLimit('cost');
        },
      };
    },
  };
}

export function operationLimits(): OperationLimits {
  const protection = armor.protect();
  return {
    validationRules: protection.validationRules as ValidationRule[],
    plugins: [...(protection.plugins as ApolloServerPlugin<BaseContext>[]), costLimitPlugin()],
    parseOptions: { maxTokens: LIMITS.tokens },
  };
}

// graphql-js 16 writes "more that N tokens".
const TOKENS = /Document contains more th(?:an|at) \d+ tokens/;

/**
 * Apollo wraps a validation rule's error as GRAPHQL_VALIDATION_FAILED and graphql-js's token limit
 * as a parse failure; both answer as the documented OPERATION_LIMIT instead (still HTTP 400).
 */
export function formatLimitError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = (error as { originalError?: unknown } | undefined)?.originalError;
  if (original instanceof OperationLimitError) {
    const { http: _http, ...extensions } = original.extensions;
    return { message: original.message, ...(formatted.locations ? { locations: formatted.locations } : {}), extensions };
  }
  if (formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' && TOKENS.test(formatted.message)) {
    return { message: `The operation exceeds the tokens limit of ${LIMITS.tokens}`, extensions: { code: 'OPERATION_LIMIT', limit: 'tokens', max: LIMITS.tokens } };
  }
  return formatted;
}
