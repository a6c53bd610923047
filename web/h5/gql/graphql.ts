/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/**
 * The same text rules as `RegisterPersonInput`: names 50 characters, addresses 200, codes and numbers
 * 64, no control characters.
 */
export type AddDependentInput = {
  /** Street address; at most 200 characters. */
  address?: string | null | undefined;
  /** Required for documents other than the resident ID. */
  birthDate?: string | null | undefined;
  /** The caller confirms the member lives with them. Must be `true`. */
  coResident: boolean;
  /** The document number, at most 64 characters. */
  documentNumber: string;
  documentType?: DocumentType | null | undefined;
  /** Full name as on the document. No control or bidirectional control characters; at most 50 characters. */
  name: string;
  /** Mainland mobile number, 11 digits. */
  phone?: string | null | undefined;
  /** County-level GB/T 2260 code inside the province (as in `RegisterPersonInput.region`); defaults to the guardian's. */
  region?: string | null | undefined;
  /** What the member is to the caller. */
  relation: HouseholdRelation;
  sex?: Sex | null | undefined;
};

/** What an appeal says is wrong. */
export type AppealGround =
  /** The cause itself is wrong (e.g. the person was never in that area). */
  | 'DISPUTED_CAUSE'
  /**
   * Mistaken entry (填报错误): the person mistyped a declaration and amended it the same day. Within a
   * day the strictest version counts until the authority upholds this correction; then the day's
   * latest version counts.
   */
  | 'MISTAKEN_ENTRY';

export type AppealStatus =
  | 'OPEN'
  | 'REJECTED'
  | 'UPHELD';

/** What a channel asserts about its user's real-name check when it registers them. */
export type ChannelVerificationInput = {
  /** The check the channel ran, as its own records show it. */
  method: VerificationMethod;
};

export type Color =
  | 'GREEN'
  | 'RED'
  | 'YELLOW';

/** Identity documents (GB/T 38962), as in the identity subgraph. */
export type DocumentType =
  /** Foreign permanent resident ID card (外国人永久居留身份证), 15 or 18 characters. */
  | 'FOREIGN_PERMANENT_RESIDENT'
  /** Mainland travel permit for Hong Kong and Macao residents (港澳居民来往内地通行证): H/M + 8 or 10 digits. */
  | 'HK_MACAO_PERMIT'
  /** Passport (护照), Chinese or foreign. */
  | 'PASSPORT'
  /** Resident identity card (居民身份证), 18 characters, GB 11643 with ISO 7064 MOD 11-2 check character. */
  | 'RESIDENT_ID'
  /** Mainland travel permit for Taiwan residents (台湾居民来往大陆通行证): 8 digits, or 10 digits and a letter. */
  | 'TAIWAN_PERMIT';

export type ExposureInput = {
  kind: ExposureKind;
  /** GB/T 2260 province code (`440000`), for `ARRIVED_FROM_OTHER_PROVINCE`. */
  provinceCode?: string | null | undefined;
  /** GB/T 2260 code of the key area, for `KEY_AREA_STAY` (at most 64 characters, no control characters). */
  regionCode?: string | null | undefined;
};

export type ExposureKind =
  /** Arrived from another province (`provinceCode` required): implies OUT_OF_PROVINCE (yellow). */
  | 'ARRIVED_FROM_OTHER_PROVINCE'
  /** Contact with a confirmed case: implies CLOSE_CONTACT (red). */
  | 'CONTACT_WITH_CONFIRMED'
  /** Visited a fever clinic: implies FEVER_CLINIC (yellow). */
  | 'FEVER_CLINIC_VISIT'
  /** Stayed in a key epidemic area (`regionCode` required): implies KEY_AREA (yellow). */
  | 'KEY_AREA_STAY';

export type FileAppealInput = {
  /**
   * For `MISTAKEN_ENTRY`: the day whose amended declaration should count, one of the reason's
   * `correctionDays`; may be left out when there is only one.
   */
  declarationDate?: string | null | undefined;
  /** Which designation, when the person has several behind the same reason code. */
  designationId?: string | number | null | undefined;
  /** What is wrong: the cause itself (the default) or a mistyped declaration (`MISTAKEN_ENTRY`). */
  ground?: AppealGround | null | undefined;
  personId: string | number;
  /** A reason code of the person's current colour, e.g. `Y_KEY_AREA` (at most 64 characters). */
  reasonCode: string;
  /** What is wrong, in the person's words (1-1000 characters; line breaks allowed, other control characters not). */
  statement: string;
};

/** Where a guardianship request stands. */
export type GuardianshipRequestStatus =
  /** Accepted: the requester is now a guardian. */
  | 'ACCEPTED'
  /** Declined: the requester did not become a guardian, and a provisional link they held ended. */
  | 'DECLINED'
  /** Waiting for the person's (or the authority's) decision. */
  | 'PENDING';

/** What a household member is to the guardian who added them. */
export type HouseholdRelation =
  | 'CHILD'
  | 'GRANDPARENT'
  | 'OTHER'
  | 'PARENT'
  | 'SPOUSE';

/** What kind of place a place code is posted at. */
export type PlaceKind =
  /** A market (农贸市场). */
  | 'MARKET'
  /** An office building. */
  | 'OFFICE'
  /** A public venue: a park, a library, a stadium. */
  | 'PUBLIC_VENUE'
  /** A residential compound's gate (小区门口). */
  | 'RESIDENTIAL_GATE'
  /** A restaurant. */
  | 'RESTAURANT'
  /** A shop. */
  | 'SHOP'
  /** A station or stop. */
  | 'TRANSPORT';

/**
 * Text fields refuse control characters (NUL included) and values over their limit with
 * `BAD_USER_INPUT` (reason `CONTROL_CHARACTER`, `BIDI_CONTROL`, `BAD_UNICODE` or `TOO_LONG`, and
 * `extensions.field`): names 50 characters, addresses 200, codes and numbers 64.
 */
export type RegisterPersonInput = {
  /** Street address; at most 200 characters, no control or bidirectional control characters. */
  address?: string | null | undefined;
  /** Required for documents other than the resident ID, from which it is derived otherwise. */
  birthDate?: string | null | undefined;
  /** The document number (at most 64 characters). Spaces are ignored; a trailing lowercase `x` is accepted. */
  documentNumber: string;
  documentType?: DocumentType | null | undefined;
  /** Full name as on the document. No control or bidirectional control characters; at most 50 characters. */
  name: string;
  /** Mainland mobile number, 11 digits. */
  phone?: string | null | undefined;
  /**
   * GB/T 2260 code of the county-level division of residence (district, county or county-level city)
   * inside the province, e.g. `450103`; the province (`450000`) or a city (`450100`) is refused with
   * reason `BAD_REGION`.
   */
  region: string;
  sex?: Sex | null | undefined;
  /**
   * How your app checked that its user holds this document (实名核验), recorded on the binding. Left
   * out, it is `DOCUMENT`, the weakest: binding a resident already registered through another
   * channel may then be refused (`FORBIDDEN`, reason `VERIFICATION_TOO_WEAK`). See `VerificationMethod`.
   */
  verification?: ChannelVerificationInput | null | undefined;
};

/** What the days of a retention rule are counted from. */
export type RetentionClock =
  /** The record's own date (the declared day, the scan, the entry). */
  | 'AFTER_DATE'
  /** The end of what it records (a designation's lift or void, an appeal's decision, a printed code's expiry); while it stands, it is kept. */
  | 'AFTER_END';

/** The kinds of personal data the graph holds (docs/retention.md). */
export type RetentionKind =
  /** A resident's access log. */
  | 'ACCESS_LOG'
  /** Appeals (纠错), their notes and decisions. */
  | 'APPEALS'
  /** Every subgraph's audit log. */
  | 'AUDIT_LOG'
  /** The colour rules' copy of each day's declarations and checkpoint temperatures. */
  | 'DAY_FACTS'
  /** Daily health declarations, every version of a day. */
  | 'DECLARATIONS'
  /** Risk designations. */
  | 'DESIGNATIONS'
  /** Partner provinces' codes checked at our checkpoints. */
  | 'FOREIGN_SCANS'
  /** Printed codes. */
  | 'PAPER_CODES'
  /** Partners' requests and the answers given. */
  | 'PARTNER_REQUESTS'
  /** Place-code check-ins. */
  | 'PLACE_VISITS'
  /** Checkpoint scans. */
  | 'SCANS';

/** Sex as recorded on the identity document (GB/T 2261.1). */
export type Sex =
  | 'FEMALE'
  | 'MALE';

export type SubmitDeclarationInput = {
  /** Must be today (UTC+8) when given; defaults to today. */
  date?: string | null | undefined;
  exposures?: Array<ExposureInput> | null | undefined;
  /** Whom the declaration is for; defaults to the calling resident. A guardian passes the member's id. */
  personId?: string | number | null | undefined;
  symptoms?: Array<Symptom> | null | undefined;
  /** Body temperature in °C, 34.0 to 43.0. */
  temperature: number;
  trip?: TripInput | null | undefined;
};

export type SubmitterRelation =
  | 'GUARDIAN'
  | 'SELF';

export type Symptom =
  | 'COUGH'
  | 'DIARRHEA'
  | 'FATIGUE'
  | 'FEVER'
  | 'LOSS_OF_TASTE_OR_SMELL'
  | 'SHORTNESS_OF_BREATH'
  | 'SORE_THROAT';

export type TransportMode =
  | 'CAR'
  | 'COACH'
  | 'FLIGHT'
  | 'OTHER'
  | 'SHIP'
  | 'TRAIN';

export type TripInput = {
  /**
   * The day it started: a real calendar date within the last 28 days (`PAST_DATE` before, `FUTURE_DATE`
   * after today).
   */
  date: string;
  /** GB/T 2260 code where the trip started. */
  fromRegion: string;
  /** GB/T 2260 code where it ended. */
  toRegion: string;
  transport: TransportMode;
  /** Flight, train or coach number, e.g. `CZ3201`; at most 32 characters, no control characters. */
  vehicle?: string | null | undefined;
};

/**
 * How a channel checked that its user holds the document they registered with (实名核验), weakest
 * first; the position is the level (`DOCUMENT` 1, `CARRIER` 2, `FACE` 3). The graph cannot check it:
 * it records what the channel asserts, and the channel answers for it under its agreement.
 */
export type VerificationMethod =
  /** A mobile carrier confirmed the user's number is registered to this name and document (运营商三要素, level 2). */
  | 'CARRIER'
  /** The user typed a name and document number the channel did not check further (level 1). */
  | 'DOCUMENT'
  /** A live face check matched the user to the document holder's photo (人脸核验, level 3). */
  | 'FACE';

export type AccessLogPageFragment = { edges: Array<{ cursor: string, node: { at: string, role: string, organisation: string, action: string, operation: string | null, ticket: string | null, what: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } };

export type MyAccessLogQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type MyAccessLogQuery = { me: { id: string, accessLog: { edges: Array<{ cursor: string, node: { at: string, role: string, organisation: string, action: string, operation: string | null, ticket: string | null, what: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type PersonAccessLogQueryVariables = Exact<{
  personId: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type PersonAccessLogQuery = { person: { id: string, accessLog: { edges: Array<{ cursor: string, node: { at: string, role: string, organisation: string, action: string, operation: string | null, ticket: string | null, what: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type FileAppealMutationVariables = Exact<{
  input: FileAppealInput;
}>;


export type FileAppealMutation = { fileAppeal: { id: string, reasonCode: string, designationId: string | null, ground: AppealGround, declarationDate: string | null, status: AppealStatus, filedAt: string } };

export type AppealsQueryVariables = Exact<{
  personId: string | number;
}>;


export type AppealsQuery = { person: { id: string, appeals: Array<{ id: string, reasonCode: string, status: AppealStatus, filedAt: string, decidedAt: string | null, decisionNote: string | null }> } | null };

export type IssuePaperCodeMutationVariables = Exact<{
  personId: string | number;
  validDays?: number | null | undefined;
}>;


export type IssuePaperCodeMutation = { issuePaperCode: { id: string, token: string | null, issuedAt: string, expiresAt: string } };

export type RevokePaperCodeMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokePaperCodeMutation = { revokePaperCode: { id: string, revokedAt: string | null } };

export type PaperCodesQueryVariables = Exact<{
  personId: string | number;
}>;


export type PaperCodesQuery = { person: { id: string, paperCodes: Array<{ id: string, issuedAt: string, expiresAt: string, revokedAt: string | null }> } | null };

export type ChannelBindingFieldsFragment = { boundAt: string, current: boolean, channel: { code: string, name: string }, verification: { method: VerificationMethod, level: number } };

export type MyChannelsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyChannelsQuery = { me: { id: string, channels: Array<{ boundAt: string, current: boolean, channel: { code: string, name: string }, verification: { method: VerificationMethod, level: number } }> } | null };

export type UnbindChannelMutationVariables = Exact<{
  channel: string;
}>;


export type UnbindChannelMutation = { unbindChannel: { channel: { code: string, name: string }, person: { id: string, channels: Array<{ boundAt: string, current: boolean, channel: { code: string, name: string }, verification: { method: VerificationMethod, level: number } }> } } };

export type CodeFieldsFragment = { color: Color, normalDays: number, greenOn: string | null, ruleVersion: string, token: string, expiresAt: string, reasons: Array<{ code: string, color: Color, since: string, source: string, designationId: string | null, awaitingLift: boolean, greenOn: string | null, correctionPending: boolean, correctionDays: Array<string>, progress: { normalDays: number, required: number } | null }> };

export type MyCodeQueryVariables = Exact<{ [key: string]: never; }>;


export type MyCodeQuery = { me: { id: string, displayName: string, healthCode: { color: Color, normalDays: number, greenOn: string | null, ruleVersion: string, token: string, expiresAt: string, reasons: Array<{ code: string, color: Color, since: string, source: string, designationId: string | null, awaitingLift: boolean, greenOn: string | null, correctionPending: boolean, correctionDays: Array<string>, progress: { normalDays: number, required: number } | null }> } | null } | null };

export type MyHouseholdQueryVariables = Exact<{ [key: string]: never; }>;


export type MyHouseholdQuery = { me: { id: string, displayName: string, healthCode: { color: Color, normalDays: number, greenOn: string | null, ruleVersion: string, token: string, expiresAt: string, reasons: Array<{ code: string, color: Color, since: string, source: string, designationId: string | null, awaitingLift: boolean, greenOn: string | null, correctionPending: boolean, correctionDays: Array<string>, progress: { normalDays: number, required: number } | null }> } | null, todayDeclaration: { normal: boolean } | null, dependents: Array<{ id: string, displayName: string, age: number | null, healthCode: { color: Color, normalDays: number, greenOn: string | null, ruleVersion: string, token: string, expiresAt: string, reasons: Array<{ code: string, color: Color, since: string, source: string, designationId: string | null, awaitingLift: boolean, greenOn: string | null, correctionPending: boolean, correctionDays: Array<string>, progress: { normalDays: number, required: number } | null }> } | null, todayDeclaration: { normal: boolean } | null }> } | null };

export type SubmitDeclarationMutationVariables = Exact<{
  input: SubmitDeclarationInput;
}>;


export type SubmitDeclarationMutation = { submitDeclaration: { declaration: { id: string, date: string, version: number, temperature: number, symptoms: Array<Symptom>, normal: boolean, submittedAt: string, submittedByRelation: SubmitterRelation }, person: { id: string, todayDeclaration: { normal: boolean } | null, healthCode: { color: Color, reasons: Array<{ code: string }> } | null } } };

export type DeclarationsQueryVariables = Exact<{
  personId: string | number;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type DeclarationsQuery = { person: { id: string, declarations: { edges: Array<{ cursor: string, node: { id: string, date: string, version: number, temperature: number, symptoms: Array<Symptom>, normal: boolean, submittedAt: string, submittedByRelation: SubmitterRelation, exposures: Array<{ kind: ExposureKind, regionCode: string | null, provinceCode: string | null }>, channel: { code: string, name: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export type JoinEmployerMutationVariables = Exact<{
  creditCode: string;
}>;


export type JoinEmployerMutation = { joinEmployer: { employer: { creditCode: string, name: string, region: { code: string, name: string } }, person: { id: string } } };

export type LeaveEmployerMutationVariables = Exact<{
  creditCode: string;
}>;


export type LeaveEmployerMutation = { leaveEmployer: { employer: { creditCode: string, name: string }, person: { id: string } } };

export type MyEmployersQueryVariables = Exact<{ [key: string]: never; }>;


export type MyEmployersQuery = { me: { id: string, employers: Array<{ creditCode: string, name: string, region: { code: string, name: string } }> } | null };

export type H5HomeQueryVariables = Exact<{ [key: string]: never; }>;


export type H5HomeQuery = { me: { id: string, maskedName: string, displayName: string, healthCode: { color: Color, normalDays: number, greenOn: string | null, ruleVersion: string, token: string, expiresAt: string, reasons: Array<{ code: string, color: Color, since: string, source: string, designationId: string | null, awaitingLift: boolean, greenOn: string | null, correctionPending: boolean, correctionDays: Array<string>, progress: { normalDays: number, required: number } | null }> } | null, dependents: Array<{ id: string, maskedName: string, displayName: string, age: number | null, healthCode: { color: Color, normalDays: number, greenOn: string | null, ruleVersion: string, token: string, expiresAt: string, reasons: Array<{ code: string, color: Color, since: string, source: string, designationId: string | null, awaitingLift: boolean, greenOn: string | null, correctionPending: boolean, correctionDays: Array<string>, progress: { normalDays: number, required: number } | null }> } | null }> } | null };

export type TodayDeclarationQueryVariables = Exact<{
  personId: string | number;
}>;


export type TodayDeclarationQuery = { person: { id: string, todayDeclaration: { id: string, date: string, version: number, temperature: number, symptoms: Array<Symptom>, normal: boolean, submittedAt: string, exposures: Array<{ kind: ExposureKind, regionCode: string | null, provinceCode: string | null }>, trip: { fromRegion: string, toRegion: string, date: string, transport: TransportMode, vehicle: string | null } | null, versions: Array<{ id: string, version: number, temperature: number, symptoms: Array<Symptom>, normal: boolean, submittedAt: string, exposures: Array<{ kind: ExposureKind, regionCode: string | null, provinceCode: string | null }> }> } | null } | null };

export type AddDependentMutationVariables = Exact<{
  input: AddDependentInput;
}>;


export type AddDependentMutation = { addDependent: { created: boolean, linked: boolean, dependent: { id: string, displayName: string, maskedDocumentNumber: string, age: number | null } } };

export type RemoveDependentMutationVariables = Exact<{
  personId: string | number;
}>;


export type RemoveDependentMutation = { removeDependent: { removedPersonId: string, guardian: { id: string, dependents: Array<{ id: string }> } } };

export type RemoveGuardianMutationVariables = Exact<{
  guardianId: string | number;
}>;


export type RemoveGuardianMutation = { removeGuardian: { removedGuardianId: string, person: { id: string, guardians: Array<{ person: { id: string } }> } } };

export type GuardiansQueryVariables = Exact<{
  personId: string | number;
}>;


export type GuardiansQuery = { person: { id: string, displayName: string, guardians: Array<{ relation: HouseholdRelation, since: string, person: { id: string, displayName: string } }> } | null };

export type RequestGuardianshipMutationVariables = Exact<{
  input: AddDependentInput;
}>;


export type RequestGuardianshipMutation = { requestGuardianship: { id: string, requesterName: string, relation: HouseholdRelation, status: GuardianshipRequestStatus, requestedAt: string } };

export type GuardianshipRequestsQueryVariables = Exact<{ [key: string]: never; }>;


export type GuardianshipRequestsQuery = { me: { id: string, guardianshipRequests: Array<{ id: string, requesterName: string, relation: HouseholdRelation, status: GuardianshipRequestStatus, requestedAt: string }> } | null };

export type AcceptGuardianshipRequestMutationVariables = Exact<{
  id: string | number;
}>;


export type AcceptGuardianshipRequestMutation = { acceptGuardianshipRequest: { request: { id: string, status: GuardianshipRequestStatus, decidedAt: string | null }, person: { id: string, guardians: Array<{ relation: HouseholdRelation, since: string, person: { id: string } }> } } };

export type DeclineGuardianshipRequestMutationVariables = Exact<{
  id: string | number;
}>;


export type DeclineGuardianshipRequestMutation = { declineGuardianshipRequest: { id: string, status: GuardianshipRequestStatus, decidedAt: string | null } };

export type MyIdentityCodeQueryVariables = Exact<{ [key: string]: never; }>;


export type MyIdentityCodeQuery = { me: { id: string, identityCode: { token: string, expiresAt: string } | null } | null };

export type IdentityCodeQueryVariables = Exact<{
  personId: string | number;
}>;


export type IdentityCodeQuery = { person: { id: string, identityCode: { token: string, expiresAt: string } | null } | null };

export type RegisterPersonMutationVariables = Exact<{
  input: RegisterPersonInput;
}>;


export type RegisterPersonMutation = { registerPerson: { created: boolean, person: { id: string, displayName: string, maskedDocumentNumber: string, documentType: DocumentType, sex: Sex | null, birthDate: string | null, age: number | null, region: { code: string, name: string } } } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, displayName: string, maskedDocumentNumber: string, maskedPhone: string | null, documentType: DocumentType, sex: Sex | null, birthDate: string | null, age: number | null, region: { code: string, name: string }, channels: Array<{ boundAt: string, channel: { code: string, name: string } }> } | null };

export type CheckInAtPlaceMutationVariables = Exact<{
  token: string;
  personId?: string | number | null | undefined;
}>;


export type CheckInAtPlaceMutation = { checkInAtPlace: { id: string, at: string, color: Color, place: { id: string, name: string, kind: PlaceKind } } };

export type MyPlaceVisitsQueryVariables = Exact<{
  personId: string | number;
  from: string;
  to: string;
}>;


export type MyPlaceVisitsQuery = { person: { id: string, placeVisits: Array<{ id: string, at: string, color: Color, place: { id: string, name: string } }> } | null };

export type RetentionRuleFieldsFragment = { kind: RetentionKind, days: number, countedFrom: RetentionClock, description: string, keptAfterAccountDeletion: string | null };

export type RetentionPolicyQueryVariables = Exact<{ [key: string]: never; }>;


export type RetentionPolicyQuery = { retentionPolicy: { rules: Array<{ kind: RetentionKind, days: number, countedFrom: RetentionClock, description: string, keptAfterAccountDeletion: string | null }> } };

export type DeleteMyAccountMutationVariables = Exact<{ [key: string]: never; }>;


export type DeleteMyAccountMutation = { deleteMyAccount: { deletedAt: string, bindingsEnded: number, kept: Array<{ kind: RetentionKind, days: number, countedFrom: RetentionClock, description: string, keptAfterAccountDeletion: string | null }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const AccessLogPageFragmentDoc = new TypedDocumentString(`
    fragment AccessLogPage on AccessLogConnection {
  edges {
    cursor
    node {
      at
      role
      organisation
      action
      operation
      ticket
      what
    }
  }
  pageInfo {
    hasNextPage
    endCursor
  }
}
    `, {"fragmentName":"AccessLogPage"}) as unknown as TypedDocumentString<AccessLogPageFragment, unknown>;
export const ChannelBindingFieldsFragmentDoc = new TypedDocumentString(`
    fragment ChannelBindingFields on ChannelBinding {
  channel {
    code
    name
  }
  boundAt
  verification {
    method
    level
  }
  current
}
    `, {"fragmentName":"ChannelBindingFields"}) as unknown as TypedDocumentString<ChannelBindingFieldsFragment, unknown>;
export const CodeFieldsFragmentDoc = new TypedDocumentString(`
    fragment CodeFields on HealthCode {
  color
  reasons {
    code
    color
    since
    source
    designationId
    progress {
      normalDays
      required
    }
    awaitingLift
    greenOn
    correctionPending
    correctionDays
  }
  normalDays
  greenOn
  ruleVersion
  token
  expiresAt
}
    `, {"fragmentName":"CodeFields"}) as unknown as TypedDocumentString<CodeFieldsFragment, unknown>;
export const RetentionRuleFieldsFragmentDoc = new TypedDocumentString(`
    fragment RetentionRuleFields on RetentionRule {
  kind
  days
  countedFrom
  description
  keptAfterAccountDeletion
}
    `, {"fragmentName":"RetentionRuleFields"}) as unknown as TypedDocumentString<RetentionRuleFieldsFragment, unknown>;
export const MyAccessLogDocument = {"__meta__":{"hash":"sha256:fa54b42d60977708316f4e516ec2f5c8f0336daae76660a73eb6c2a69724862e"}} as unknown as TypedDocumentString<MyAccessLogQuery, MyAccessLogQueryVariables>;
export const PersonAccessLogDocument = {"__meta__":{"hash":"sha256:8ea86ab13c1e02772cb6e8e3e066d9553136fd9b4a04e16c2999aaa787d8a14d"}} as unknown as TypedDocumentString<PersonAccessLogQuery, PersonAccessLogQueryVariables>;
export const FileAppealDocument = {"__meta__":{"hash":"sha256:c95059889c2ce9d4902f83f287aee438bbbf4f8b44bbab99de9219f007a25f3d"}} as unknown as TypedDocumentString<FileAppealMutation, FileAppealMutationVariables>;
export const AppealsDocument = {"__meta__":{"hash":"sha256:7d5f4fc687099bcbb668c30186342174e1c1ddf6dcd96f265c3c9f45719c4437"}} as unknown as TypedDocumentString<AppealsQuery, AppealsQueryVariables>;
export const IssuePaperCodeDocument = {"__meta__":{"hash":"sha256:e56692ecfe0adc6e268eeaeff110ec032dfacca13cee251e7dee572a3dc411ec"}} as unknown as TypedDocumentString<IssuePaperCodeMutation, IssuePaperCodeMutationVariables>;
export const RevokePaperCodeDocument = {"__meta__":{"hash":"sha256:5711012111f5f4bb864d58d2917899d3372f7017b994038dfc27988ca4b38c39"}} as unknown as TypedDocumentString<RevokePaperCodeMutation, RevokePaperCodeMutationVariables>;
export const PaperCodesDocument = {"__meta__":{"hash":"sha256:c94a17e131169e8c4687008b218cada182ac70dd7652a0e05a1a6b6183198323"}} as unknown as TypedDocumentString<PaperCodesQuery, PaperCodesQueryVariables>;
export const MyChannelsDocument = {"__meta__":{"hash":"sha256:fc5f70f745fed92dbc6f6d408cb9ccede28b8b3796c65b98a3eac1b261db0d85"}} as unknown as TypedDocumentString<MyChannelsQuery, MyChannelsQueryVariables>;
export const UnbindChannelDocument = {"__meta__":{"hash":"sha256:f3cba2dedf568e918b9526426ebca6729c3b512994f7fee51ef1b63aa4070a97"}} as unknown as TypedDocumentString<UnbindChannelMutation, UnbindChannelMutationVariables>;
export const MyCodeDocument = {"__meta__":{"hash":"sha256:1abc90a1e72ae452758dd216e08b35cda582257d45a5b728b42420dfcc66da45"}} as unknown as TypedDocumentString<MyCodeQuery, MyCodeQueryVariables>;
export const MyHouseholdDocument = {"__meta__":{"hash":"sha256:517c00c17330bfe9a430db248e20309ab27f3507a569b0e5f4ddcdb71ac384f5"}} as unknown as TypedDocumentString<MyHouseholdQuery, MyHouseholdQueryVariables>;
export const SubmitDeclarationDocument = {"__meta__":{"hash":"sha256:b17f1773d817b04f366652122179632a7038b039da4d1230d64f90af189dc49c"}} as unknown as TypedDocumentString<SubmitDeclarationMutation, SubmitDeclarationMutationVariables>;
export const DeclarationsDocument = {"__meta__":{"hash":"sha256:0a6e8caaa4f737e4b500fec37e5a5b6855806c9d771b9947d149c58086410875"}} as unknown as TypedDocumentString<DeclarationsQuery, DeclarationsQueryVariables>;
export const JoinEmployerDocument = {"__meta__":{"hash":"sha256:51e0c62ea191eaf45fd6637210a50c0ed9654b2e1fabe73ec42cae542c76ab26"}} as unknown as TypedDocumentString<JoinEmployerMutation, JoinEmployerMutationVariables>;
export const LeaveEmployerDocument = {"__meta__":{"hash":"sha256:6fd122bed9d458e60d794da4ecef8fa8ca3abe72d3320251b98797713594ab9f"}} as unknown as TypedDocumentString<LeaveEmployerMutation, LeaveEmployerMutationVariables>;
export const MyEmployersDocument = {"__meta__":{"hash":"sha256:86fce474af270f986bef9dda0de649e78ab0c9f1f4e6af6627bc8c2ec2461e81"}} as unknown as TypedDocumentString<MyEmployersQuery, MyEmployersQueryVariables>;
export const H5HomeDocument = {"__meta__":{"hash":"sha256:0395b3fefbf50c61b22695801bbbf49f56d16c92eaf42a3f91108a29c5d8177a"}} as unknown as TypedDocumentString<H5HomeQuery, H5HomeQueryVariables>;
export const TodayDeclarationDocument = {"__meta__":{"hash":"sha256:d416edd3b612b627e3fd287bdbea5c8cbf4e6e07fc8a87b3a333fbd8130f11b7"}} as unknown as TypedDocumentString<TodayDeclarationQuery, TodayDeclarationQueryVariables>;
export const AddDependentDocument = {"__meta__":{"hash":"sha256:c09d44de37b5ca61730717b85002981c54fd513f3c58a13d83c9d802ec9a74f9"}} as unknown as TypedDocumentString<AddDependentMutation, AddDependentMutationVariables>;
export const RemoveDependentDocument = {"__meta__":{"hash":"sha256:32bc6d91d59e6930a747d2c49453f57a71ff76f321ca18a05708a0d11dd5639a"}} as unknown as TypedDocumentString<RemoveDependentMutation, RemoveDependentMutationVariables>;
export const RemoveGuardianDocument = {"__meta__":{"hash":"sha256:87e26963ccc7fbf8cef78e805bc4102f306f45118e441d1563837997ea5199d4"}} as unknown as TypedDocumentString<RemoveGuardianMutation, RemoveGuardianMutationVariables>;
export const GuardiansDocument = {"__meta__":{"hash":"sha256:1903a37cc0f70de68ba2508f018a158807bb8224f8cd244968e13cf9651748e0"}} as unknown as TypedDocumentString<GuardiansQuery, GuardiansQueryVariables>;
export const RequestGuardianshipDocument = {"__meta__":{"hash":"sha256:001df2be23e9ff194ccb4955ca54547092a3df4db5583f1a4d881295e3632f49"}} as unknown as TypedDocumentString<RequestGuardianshipMutation, RequestGuardianshipMutationVariables>;
export const GuardianshipRequestsDocument = {"__meta__":{"hash":"sha256:a2f8bb259f94231732f7f82fb727458e74aa538ccc1e70dc112e29646c534b18"}} as unknown as TypedDocumentString<GuardianshipRequestsQuery, GuardianshipRequestsQueryVariables>;
export const AcceptGuardianshipRequestDocument = {"__meta__":{"hash":"sha256:ca8c84d116587b70b2ab580701ca3411a3f669712b045c13079fa644352c29af"}} as unknown as TypedDocumentString<AcceptGuardianshipRequestMutation, AcceptGuardianshipRequestMutationVariables>;
export const DeclineGuardianshipRequestDocument = {"__meta__":{"hash":"sha256:29da1da312c9a73e53f4421458af70b4a7ca3845331bcc55f24d01f9e4c932f6"}} as unknown as TypedDocumentString<DeclineGuardianshipRequestMutation, DeclineGuardianshipRequestMutationVariables>;
export const MyIdentityCodeDocument = {"__meta__":{"hash":"sha256:4bdd953ef568f8fa4cd2cc959dd6326271be8b1852c82803a6ef370b921210f7"}} as unknown as TypedDocumentString<MyIdentityCodeQuery, MyIdentityCodeQueryVariables>;
export const IdentityCodeDocument = {"__meta__":{"hash":"sha256:28fd383947f6f1631affec29e6bbd51a7f88cbe5d6f28ef3e3ec97121d25d2cd"}} as unknown as TypedDocumentString<IdentityCodeQuery, IdentityCodeQueryVariables>;
export const RegisterPersonDocument = {"__meta__":{"hash":"sha256:2c8ba5d9a7ff347afc2708658bd28c58032eb53ec9d7cd209657a17dda5e8e6b"}} as unknown as TypedDocumentString<RegisterPersonMutation, RegisterPersonMutationVariables>;
export const MeDocument = {"__meta__":{"hash":"sha256:09d2ac9d530106dd83eaa7a323ece58eb548ba3a12570b47207ab0457303e99b"}} as unknown as TypedDocumentString<MeQuery, MeQueryVariables>;
export const CheckInAtPlaceDocument = {"__meta__":{"hash":"sha256:c81960baa993d46aed2226e1735684a5db0fccca763d94d29ef523a92ff0e64e"}} as unknown as TypedDocumentString<CheckInAtPlaceMutation, CheckInAtPlaceMutationVariables>;
export const MyPlaceVisitsDocument = {"__meta__":{"hash":"sha256:80028385ef1ecf73095aa68655b7c9049d9c2a9a3750a168303e4af24d834cb9"}} as unknown as TypedDocumentString<MyPlaceVisitsQuery, MyPlaceVisitsQueryVariables>;
export const RetentionPolicyDocument = {"__meta__":{"hash":"sha256:9da5ab63641c235d984fb4153a13594b9e612d2f1dac3f4bd586ea14bbd3b1ea"}} as unknown as TypedDocumentString<RetentionPolicyQuery, RetentionPolicyQueryVariables>;
export const DeleteMyAccountDocument = {"__meta__":{"hash":"sha256:95d9405286993c997c5e470228ce54d287812262bf60ca2814b8ec735fe67dd6"}} as unknown as TypedDocumentString<DeleteMyAccountMutation, DeleteMyAccountMutationVariables>;