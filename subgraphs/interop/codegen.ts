/**
 * How graphql-codegen types this subgraph's resolvers (the root codegen.ts reads every subgraph's):
 * its context type and the mappers that tie GraphQL types to the rows the repositories return.
 */
export const resolverTypes = {
  contextType: '../context.js#InteropContext',
  mappers: {
    Partner: '../db/repository.js#PartnerRow',
    TrustedKey: '../modules/partners/trust.service.js#TrustedKeyRow',
    ForeignCodeResult: '../modules/foreign-codes/foreign.service.js#ForeignResult',
  },
};
