/**
 * How graphql-codegen types this subgraph's resolvers (the root codegen.ts reads every subgraph's):
 * its context type and the mappers that tie GraphQL types to the rows the repositories return.
 */
export const resolverTypes = {
  contextType: '../context.js#IdentityContext',
  mappers: {
    Person: '../db/repository.js#PersonRow',
    Channel: '../db/repository.js#ChannelRow',
    ChannelBinding: '../db/repository.js#BindingRow',
    Guardian: '../db/repository.js#GuardianshipRow',
    GuardianshipRequest: '../db/repository.js#GuardianshipRequestRow',
    CodeHolder: '../modules/persons/code-holder.js#CodeHolderView',
    AccessLogEntry: '../db/repository.js#AccessLogRow',
    Employer: '../db/repository.js#EmployerRow',
    HotlineCaller: '../modules/lookups/lookup-views.js#HotlineCallerView',
    GridVisitPerson: '../modules/lookups/lookup-views.js#GridVisitPersonView',
    LegacyConflict: '../modules/legacy/legacy.repository.js#LegacyConflictRow',
    ChannelApplication: '../modules/channels/channels.repository.js#ChannelApplicationRow',
    ChannelUsage: '../modules/channels/onboarding.service.js#ChannelUsageView',
  },
};
