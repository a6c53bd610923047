/**
 * The events subgraphs exchange: stream names, event types and payloads. This file is the contract
 * between producer and consumers; a payload only ever gains optional fields.
 */

export const STREAMS = {
  identity: 'identity',
  declarations: 'declarations',
  healthStatus: 'health_status',
  interop: 'interop',
} as const;

export const IDENTITY_EVENTS = {
  PersonRegistered: 'PersonRegistered',
  ChannelUserBound: 'ChannelUserBound',
  ChannelUserUnbound: 'ChannelUserUnbound',
  GuardianshipChanged: 'GuardianshipChanged',
  LegacyCodeImported: 'LegacyCodeImported',
  PersonDeleted: 'PersonDeleted',
} as const;

export interface PersonRegistered {
  personId: string;
  documentType: string;
  /** The keyed blind index of the document, never the number. */
  documentIndex: string;
  region: string;
  birthDate: string | null;
}

export interface ChannelUserBound {
  personId: string;
  channel: string;
  channelUser: string;
}

/**
 * The person ended this channel user's binding (`unbindChannel`): from now on the user is nobody.
 * Its own type, not a flag on ChannelUserBound, so a consumer that does not know it yet ignores it
 * rather than reading it as a bind.
 */
export interface ChannelUserUnbound {
  personId: string;
  channel: string;
  channelUser: string;
}

export interface GuardianshipChanged {
  guardianId: string;
  dependentId: string;
  active: boolean;
  relation: string | null;
}

/**
 * A vendor's RED or YELLOW code for one of its users, imported with the legacy codes (八码归一):
 * health-status keeps it as a designation with source `LEGACY:<vendor>` until our rules clear it.
 * Published once per vendor user, when the import binds them.
 */
export interface LegacyCodeImported {
  personId: string;
  vendor: string;
  vendorUser: string;
  color: 'YELLOW' | 'RED';
  /** When the vendor's colour began (ISO), never later than the import. */
  since: string;
}

/**
 * The resident deleted their account (`deleteMyAccount`, docs/retention.md): identity has erased
 * them and their bindings in the transaction that wrote this event (their bindings and
 * guardianships ended with ChannelUserUnbound and GuardianshipChanged events before it). Each
 * consumer deletes what it holds of the person, except what the law requires it to keep until its
 * own end date, which then stays under the person's id alone, linked to no one.
 */
export interface PersonDeleted {
  personId: string;
  /** When the resident asked (ISO). */
  at: string;
}

export const DECLARATION_EVENTS = {
  DeclarationRecorded: 'DeclarationRecorded',
} as const;

/** Published with every declaration version; health-status turns it into the day's facts. */
export interface DeclarationRecorded {
  declarationId: string;
  personId: string;
  localDate: string;
  version: number;
  temperature: number;
  symptoms: string[];
  exposures: { kind: string; regionCode: string | null; provinceCode: string | null }[];
  normal: boolean;
  submittedAt: string;
}

export type CodeColor = 'GREEN' | 'YELLOW' | 'RED';

export const HEALTH_STATUS_EVENTS = {
  CodeColorChanged: 'CodeColorChanged',
} as const;

/** A person's code changed colour (any cause: designation, declaration, lift, time). */
export interface CodeColorChanged {
  personId: string;
  from: CodeColor | null;
  to: CodeColor;
  ruleVersion: string;
  reasons: string[];
  localDate: string;
}

export const INTEROP_EVENTS = {
  TravellerStatusReceived: 'TravellerStatusReceived',
} as const;

/**
 * A partner province's signed statement about a traveller arriving from it, verified by interop.
 * health-status turns RED/YELLOW into a designation with the partner as source, and a recognised
 * GREEN into the lifting of the arrival's OUT_OF_PROVINCE cause.
 */
export interface TravellerStatusReceived {
  partnerCode: string;
  requestId: string;
  documentType: string;
  documentIndex: string;
  /** Known when the traveller is registered already; otherwise health-status matches by document. */
  personId: string | null;
  color: 'GREEN' | 'YELLOW' | 'RED';
  /** The partner's own reason, when it gave one of ours (e.g. `CLOSE_CONTACT`). */
  kind: string | null;
  /** When the partner evaluated the colour (ISO). */
  asOf: string;
}

export const ACCESS_EVENTS = {
  PersonDataAccessed: 'PersonDataAccessed',
} as const;

/**
 * Reads of people's data travel on a second outbox per producer (`<schema>.access_events`), written
 * in the same statement as the audit row (`common/platform/db/audit.ts`), so that the consumers of domain
 * events never fetch them. A subgraph that writes audit rows about people is listed here.
 */
export const ACCESS_STREAMS = {
  identity: 'identity.access_events',
  declarations: 'declarations.access_events',
  healthStatus: 'health_status.access_events',
  interop: 'interop.access_events',
  eid: 'eid.access_events',
} as const;
export type AccessStream = (typeof ACCESS_STREAMS)[keyof typeof ACCESS_STREAMS];

/**
 * Someone other than the person and their guardians read (or acted on) the person's data: one per
 * audit row that says so. Identity keeps them as the person's access log ("who looked at my data").
 * The organisation is the producer's display name for the caller when it has one (a checkpoint's
 * name); the staff member behind a credential is never named.
 */
export interface PersonDataAccessed {
  personId: string;
  principalKind: string;
  principalSubject: string;
  action: string;
  /** The client's GraphQL operation name, as the gateway forwarded it. */
  operation: string | null;
  /** A hotline call's ticket number, or any other case number the caller gave. */
  ticket: string | null;
  organisation: string | null;
  /** What of the person was read (e.g. `scans`), when the row says. */
  what: string | null;
}

/** Every event type and its payload: publishers and consumers are checked against this map. */
export interface EventPayloads {
  PersonDataAccessed: PersonDataAccessed;
  PersonRegistered: PersonRegistered;
  ChannelUserBound: ChannelUserBound;
  ChannelUserUnbound: ChannelUserUnbound;
  GuardianshipChanged: GuardianshipChanged;
  LegacyCodeImported: LegacyCodeImported;
  PersonDeleted: PersonDeleted;
  DeclarationRecorded: DeclarationRecorded;
  CodeColorChanged: CodeColorChanged;
  TravellerStatusReceived: TravellerStatusReceived;
}
export type EventType = keyof EventPayloads;
/** Domain events: each type has one producer stream. */
export type DomainEventType = Exclude<EventType, keyof typeof ACCESS_EVENTS>;
export type Stream = (typeof STREAMS)[keyof typeof STREAMS];

/** The stream (producer) each domain event type is published on. */
export const STREAM_OF: { readonly [T in DomainEventType]: Stream } = {
  PersonRegistered: STREAMS.identity,
  ChannelUserBound: STREAMS.identity,
  ChannelUserUnbound: STREAMS.identity,
  GuardianshipChanged: STREAMS.identity,
  LegacyCodeImported: STREAMS.identity,
  PersonDeleted: STREAMS.identity,
  DeclarationRecorded: STREAMS.declarations,
  CodeColorChanged: STREAMS.healthStatus,
  TravellerStatusReceived: STREAMS.interop,
};

/** The streams a consumer of each event type reads: access events come from every producer. */
export function streamsOf(type: EventType): readonly string[] {
  return type === ACCESS_EVENTS.PersonDataAccessed ? Object.values(ACCESS_STREAMS) : [STREAM_OF[type]];
}

export const isEventType = (type: string): type is EventType => Object.hasOwn(STREAM_OF, type) || Object.hasOwn(ACCESS_EVENTS, type);

/** An event as a producer writes it: its type names its payload's shape. */
export type OutgoingEvent = { [T in DomainEventType]: { type: T; personId?: string | null; payload: EventPayloads[T] } }[DomainEventType];
