/**
 * How graphql-codegen types this subgraph's resolvers (the root codegen.ts reads every subgraph's):
 * its context type and the mappers that tie GraphQL types to the rows the repositories return.
 */
export const resolverTypes = {
  contextType: '../context.js#DeclarationsContext',
  mappers: {
    Person: '../../../common/platform/subgraph.js#PersonRef',
    Declaration: '../db/repository.js#DeclarationRow',
    Channel: '../context.js#ChannelRef',
    StaffMember: '../modules/staff/staff.views.js#StaffMemberView',
    ReturnToWorkSummary: '../modules/staff/staff.views.js#StaffDeclarationCounts',
  },
};
