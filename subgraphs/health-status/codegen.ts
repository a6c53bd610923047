/**
 * How graphql-codegen types this subgraph's resolvers (the root codegen.ts reads every subgraph's):
 * its context type and the mappers that tie GraphQL types to the rows the repositories return.
 */
export const resolverTypes = {
  contextType: '../context.js#HealthStatusContext',
  mappers: {
    Person: '../../../common/platform/subgraph.js#PersonRef',
    RiskDesignation: '../db/repository.js#RiskDesignationRow',
    DesignationAlert: '../db/repository.js#DesignationAlertRow',
    DesignationReportRow: '../modules/designations/report.js#DesignationReportRowView',
    DesignationBasis: '../modules/designations/report.js#DesignationBasisView',
    CodeNotice: '../modules/designations/report.js#CodeNoticeView',
    HealthCode: '../modules/codes/codes.service.js#CodeView',
    ColorReason: '../domain/rules.js#Reason',
    Checkpoint: '../db/repository.js#CheckpointRow',
    Scan: '../db/repository.js#ScanRow',
    Appeal: '../db/repository.js#AppealRow',
    PaperCode: '../db/repository.js#PaperCodeRow',
    RegionColorCount: '../domain/dashboards.js#RegionColorCountRow',
    CheckpointScanCount: '../domain/dashboards.js#CheckpointScanCountRow',
    StaffMember: '../modules/staff/staff.views.js#StaffMemberView',
    ReturnToWorkSummary: '../modules/staff/staff.views.js#StaffColorCounts',
    HotlineCaller: '../modules/hotline/hotline.service.js#CallerView',
    GridVisitPerson: '../modules/grid-visits/grid-visits.service.js#GridSubjectView',
    GridVisitResult: '../modules/grid-visits/grid-visits.service.js#GridVisitOutcome',
    Place: '../db/repository.js#PlaceRow',
    PlaceVisit: '../db/repository.js#PlaceVisitRow',
    PlaceCheckIn: '../db/repository.js#PlaceVisitRow',
    PlaceWindow: '../db/repository.js#PlaceWindowRow',
    PlaceHourCount: '../domain/places.js#PlaceHourCountRow',
  },
};
