/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/**
 * Why a dashboard count is `null`. A reader who knows these rules still cannot work out a hidden count
 * from the shown ones, the total and the reasons.
 */
export type HiddenReason =
  /**
   * 5 or more, hidden only so that the shown counts cannot give away a count from 1 to 4 by
   * subtraction. Show it as hidden ("—", 已隐藏), never as "<5".
   */
  | 'PROTECTS_ANOTHER'
  /** From 1 to 4: too few to be anonymous. Show it as "<5". */
  | 'SMALL_COUNT';

/** How finely `colorCounts` groups regions (GB/T 2260 levels). */
export type RegionLevel =
  /** Prefecture-level cities (`450100` 南宁市, ...). */
  | 'CITY'
  /** Counties and districts (`450103` 青秀区, ...). */
  | 'COUNTY'
  /** The whole province (`450000`). */
  | 'PROVINCE';

export type ColorCountsQueryVariables = Exact<{
  level: RegionLevel;
}>;


export type ColorCountsQuery = { colorCounts: Array<{ regionCode: string, regionName: string | null, green: number | null, yellow: number | null, red: number | null, total: number | null, hidden: Array<{ field: string, reason: HiddenReason }> }> };

export type DeclarationsPerDayQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type DeclarationsPerDayQuery = { declarationsPerDay: Array<{ date: string, declared: number | null, abnormal: number | null }> };

export type ScansPerCheckpointQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type ScansPerCheckpointQuery = { scansPerCheckpoint: Array<{ scans: number | null, passed: number | null, refused: number | null, checkpoint: { id: string, name: string, region: string }, hidden: Array<{ field: string, reason: HiddenReason }> }> };

export type PlaceCheckInsPerHourQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type PlaceCheckInsPerHourQuery = { placeCheckInsPerHour: Array<{ hour: string, checkIns: number | null, place: { id: string, name: string }, hidden: Array<{ field: string, reason: HiddenReason }> }> };

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

export const ColorCountsDocument = {"__meta__":{"hash":"sha256:19d68861b66dd7d5e361e1a312a3f12594b723675ff760faa6f299436263090c"}} as unknown as TypedDocumentString<ColorCountsQuery, ColorCountsQueryVariables>;
export const DeclarationsPerDayDocument = {"__meta__":{"hash":"sha256:8b8e721670e7a59892c119aae0326d43766a4485aff6cf34802116645c7b15cc"}} as unknown as TypedDocumentString<DeclarationsPerDayQuery, DeclarationsPerDayQueryVariables>;
export const ScansPerCheckpointDocument = {"__meta__":{"hash":"sha256:0ddabfa8618d539b7e77327e3114d27d11a452239753167bfb4f4b755f5cc02e"}} as unknown as TypedDocumentString<ScansPerCheckpointQuery, ScansPerCheckpointQueryVariables>;
export const PlaceCheckInsPerHourDocument = {"__meta__":{"hash":"sha256:33a9ca2e07d65aac1b38987ffb73e4b9f7727f19ae33737ba286957e48413126"}} as unknown as TypedDocumentString<PlaceCheckInsPerHourQuery, PlaceCheckInsPerHourQueryVariables>;