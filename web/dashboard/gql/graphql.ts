/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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


export type ColorCountsQuery = { colorCounts: Array<{ regionCode: string, regionName: string | null, green: number | null, yellow: number | null, red: number | null, total: number | null }> };

export type DeclarationsPerDayQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type DeclarationsPerDayQuery = { declarationsPerDay: Array<{ date: string, declared: number | null, abnormal: number | null }> };

export type ScansPerCheckpointQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type ScansPerCheckpointQuery = { scansPerCheckpoint: Array<{ scans: number | null, passed: number | null, refused: number | null, checkpoint: { id: string, name: string, region: string } }> };

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

export const ColorCountsDocument = {"__meta__":{"hash":"sha256:d82e5c032d9234f44260f202495c75753bc6965dc8b5894f0c8c8f59f4b9a950"}} as unknown as TypedDocumentString<ColorCountsQuery, ColorCountsQueryVariables>;
export const DeclarationsPerDayDocument = {"__meta__":{"hash":"sha256:8b8e721670e7a59892c119aae0326d43766a4485aff6cf34802116645c7b15cc"}} as unknown as TypedDocumentString<DeclarationsPerDayQuery, DeclarationsPerDayQueryVariables>;
export const ScansPerCheckpointDocument = {"__meta__":{"hash":"sha256:94aad2ed2aed1b449495954f0c472d01fc02b97f148a5ee44fb514310f1af651"}} as unknown as TypedDocumentString<ScansPerCheckpointQuery, ScansPerCheckpointQueryVariables>;