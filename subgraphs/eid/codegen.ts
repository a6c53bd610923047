/**
 * How graphql-codegen types this subgraph's resolvers (the root codegen.ts reads every subgraph's):
 * its context type and the mappers that tie GraphQL types to the rows the repositories return.
 */
export const resolverTypes = {
  contextType: '../context.js#EidContext',
  mappers: {
    Person: '../modules/identity-codes/identity-codes.service.js#IdentityFields',
    IdentityCodeVerification: '../modules/identity-codes/identity-codes.service.js#Verification',
  },
};
