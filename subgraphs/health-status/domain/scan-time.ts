/**
 * The phone's clock against the server's, for scans a verifier queued offline and sent later
 * (SDL: `VerifyCodeInput.scannedAt`). A phone's clock drifts a little; one that is far off, or a
 * queue replayed days later, is not believed.
 */

/** How far a phone's clock may run ahead of the server's, and before a token's issue time. */
export const SCAN_CLOCK_SKEW_MS = 2 * 60_000;
/** The oldest queued scan the server still records: a phone offline for a long weekend, not longer. */
export const MAX_SCAN_DELAY_MS = 72 * 3600_000;

export type ScanTimeVerdict = 'OK' | 'IN_THE_FUTURE' | 'TOO_OLD';

/** Whether a scan time the phone claims is plausible at the server's `now`. */
export function judgeScanTime(scannedAt: Date, now: Date): ScanTimeVerdict {
  const ahead = scannedAt.getTime() - now.getTime();
  if (ahead > SCAN_CLOCK_SKEW_MS) return 'IN_THE_FUTURE';
  if (-ahead > MAX_SCAN_DELAY_MS) return 'TOO_OLD';
  return 'OK';
}

/** A token cannot be scanned before it was issued: allowing the same skew, a scan time earlier than that is implausible. */
export function scannedBeforeIssue(scannedAt: Date, issuedAtSeconds: unknown): boolean {
  return typeof issuedAtSeconds === 'number' && scannedAt.getTime() < issuedAtSeconds * 1000 - SCAN_CLOCK_SKEW_MS;
}

/**
 * The allowance, in seconds, for a phone's clock when a queued scan's token is checked for expiry as
 * of its scan time: the verifier page allows the same when it verifies offline.
 */
export const TOKEN_EXPIRY_SKEW_S = 60;
