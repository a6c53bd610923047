import { GraphQLScalarType } from 'graphql';
import { DateTimeScalar } from '../../../common/platform/scalars.js';
import { mergeResolvers } from '../../../common/platform/subgraph.js';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { foreignCodesModule } from './foreign-codes/index.js';
import { partnersModule } from './partners/index.js';
import { statusModule } from './status/index.js';

/** Arbitrary JSON (JWKS); the services validate its shape. */
const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  serialize: (v) => v,
  parseValue: (v) => v,
});

/** interop's features; each module brings its resolvers, this joins them into one map. */
export const resolvers: Resolvers = mergeResolvers<Resolvers>([{ DateTime: DateTimeScalar, JSON: JSONScalar }, partnersModule, statusModule, foreignCodesModule]);
