/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type CheckpointKind =
  | 'COMMUNITY_GATE'
  | 'ENTERPRISE'
  | 'GRID_VISIT'
  | 'PUBLIC_VENUE'
  | 'ROAD_CHECKPOINT'
  | 'TRANSPORT_HUB';

export type Color =
  | 'GREEN'
  | 'RED'
  | 'YELLOW';

/** A car's passengers scanned together at a road checkpoint (`recordRoadCheck`). */
export type RoadCheckInput = {
  /** An id the verifier fixed for this check on the phone (a UUID): the check is recorded once however often it is sent. */
  id: string | number;
  /** Each passenger's code, 1 to 20; a passenger without `scannedAt` takes the check's. */
  passengers: Array<VerifyCodeInput>;
  /** The plate number (车牌号), if the officer typed one; at most 16 characters, letters, digits and Chinese characters. */
  plate?: string | null | undefined;
  /** When the phone made the check (its own clock); the same rule as `VerifyCodeInput.scannedAt`. Without it, now. */
  scannedAt?: string | null | undefined;
};

export type VerifyCodeInput = {
  /**
   * An id the verifier fixed for this scan on the phone (a UUID), for a scan that may be sent more
   * than once (queued offline, or its answer lost): the first send records the scan, every later
   * send with the same id at the same checkpoint records nothing and answers what the first did.
   */
  scanId?: string | number | null | undefined;
  /**
   * When the phone scanned the code, by its own clock, for a scan queued offline and sent later.
   * The token is verified as of this time (a code that was valid when scanned is not refused for
   * having expired since), with the server's clock as the judge: a time more than 2 minutes ahead
   * of the server's, or more than 72 hours behind it, is refused (`BAD_USER_INPUT`, reason
   * `IMPLAUSIBLE_SCAN_TIME`) and nothing is recorded; a time more than 2 minutes before the token
   * was issued is recorded as a refused scan with reason `IMPLAUSIBLE_SCAN_TIME`. Without it the
   * scan happens now.
   */
  scannedAt?: string | null | undefined;
  /** Temperature measured here, °C, if measured. */
  temperature?: number | null | undefined;
  /** The token read from the QR (a mobile or a paper code); at most 8,192 characters. */
  token: string;
};

export type VerifierCheckpointQueryVariables = Exact<{ [key: string]: never; }>;


export type VerifierCheckpointQuery = { myCheckpoint: { id: string, name: string, kind: CheckpointKind } };

export type VerifierVerifyMutationVariables = Exact<{
  input: VerifyCodeInput;
}>;


export type VerifierVerifyMutation = { verifyCode: { pass: boolean, reason: string | null, color: Color | null, tokenColor: Color | null, reasons: Array<string>, paper: boolean, checkedAt: string, person: { maskedName: string } | null } };

export type VerifierRoadCheckMutationVariables = Exact<{
  input: RoadCheckInput;
}>;


export type VerifierRoadCheckMutation = { recordRoadCheck: { id: string, plate: string | null, people: number, green: number, yellow: number, red: number, unreadable: number, pass: boolean, checkedAt: string, passengers: Array<{ pass: boolean, reason: string | null, color: Color | null, paper: boolean, person: { maskedName: string } | null }> } };

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

export const VerifierCheckpointDocument = {"__meta__":{"hash":"sha256:29365ad728d238cfe636a9a3dee0d853a753a3c3addf30887c4838592610d4a0"}} as unknown as TypedDocumentString<VerifierCheckpointQuery, VerifierCheckpointQueryVariables>;
export const VerifierVerifyDocument = {"__meta__":{"hash":"sha256:355f22e87a9892d9222c0f41dcbdd6ce5ef040e3fb259d8db3f7014d7a2da07b"}} as unknown as TypedDocumentString<VerifierVerifyMutation, VerifierVerifyMutationVariables>;
export const VerifierRoadCheckDocument = {"__meta__":{"hash":"sha256:55ed1ab600f553be2e3a1020e4c35ae975a0daad9a6646eca5d11fc4ef5af81e"}} as unknown as TypedDocumentString<VerifierRoadCheckMutation, VerifierRoadCheckMutationVariables>;