import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { GraphQLFormattedError, ParseOptions, ValidationContext, ValidationRule } from 'graphql';
import { OperationLimitError } from '../common/errors.js';

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
   * Cost: 1 per scalar, 2 per object, the subtree times `first` for a page: a documented full page
   * (`first: 100`) of nodes with up to about forty fields stays under it.
   */
  cost: 5000,
} as const;

export type Limit = keyof typeof LIMITS;

/** graphql-armor reports through a callback; we raise our own error, with the limit named. */
const reject =
  (limit: Limit) =>
  (ctx: ValidationContext | null): void => {
    ctx?.reportError(new OperationLimitError(`The operation exceeds the ${limit} limit of ${LIMITS[limit]}`, { limit, max: LIMITS[limit] }));
  };

const armor = new ApolloArmor({
  maxDepth: { n: LIMITS.depth, propagateOnRejection: false, onReject: [reject('depth')] },
  maxAliases: { n: LIMITS.aliases, propagateOnRejection: false, onReject: [reject('aliases')] },
  maxDirectives: { n: LIMITS.directives, propagateOnRejection: false, onReject: [reject('directives')] },
  // Depth is limited on its own: a depth factor over 1 made every documented page cost too much.
  costLimit: { maxCost: LIMITS.cost, objectCost: 2, scalarCost: 1, depthCostFactor: 1, propagateOnRejection: false, onReject: [reject('cost')] },
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

export function operationLimits(): OperationLimits {
  const protection = armor.protect();
  return {
    validationRules: protection.validationRules as ValidationRule[],
    plugins: protection.plugins as ApolloServerPlugin<BaseContext>[],
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
