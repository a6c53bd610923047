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
  GuardianshipChanged: 'GuardianshipChanged',
  LegacyCodeImported: 'LegacyCodeImported',
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

/** Every event type and its payload: publishers and consumers are checked against this map. */
export interface EventPayloads {
  PersonRegistered: PersonRegistered;
  ChannelUserBound: ChannelUserBound;
  GuardianshipChanged: GuardianshipChanged;
  LegacyCodeImported: LegacyCodeImported;
  DeclarationRecorded: DeclarationRecorded;
  CodeColorChanged: CodeColorChanged;
  TravellerStatusReceived: TravellerStatusReceived;
}
export type EventType = keyof EventPayloads;
export type Stream = (typeof STREAMS)[keyof typeof STREAMS];

/** The stream (producer) each event type is published on. */
export const STREAM_OF: { readonly [T in EventType]: Stream } = {
  PersonRegistered: STREAMS.identity,
  ChannelUserBound: STREAMS.identity,
  GuardianshipChanged: STREAMS.identity,
  LegacyCodeImported: STREAMS.identity,
  DeclarationRecorded: STREAMS.declarations,
  CodeColorChanged: STREAMS.healthStatus,
  TravellerStatusReceived: STREAMS.interop,
};

/** An event as a producer writes it: its type names its payload's shape. */
export type OutgoingEvent = { [T in EventType]: { type: T; personId?: string | null; payload: EventPayloads[T] } }[EventType];
