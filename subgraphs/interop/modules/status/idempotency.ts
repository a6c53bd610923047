import { createHash } from 'node:crypto';
import type { Executor } from '../../../../common/platform/db.js';
import { BadUserInputError, ConflictError } from '../../../../common/platform/errors.js';
import type { InteropContext } from '../../context.js';

const REQUEST_ID = /^[\w.:-]{8,128}$/;

/** Canonical JSON: keys sorted, so the same input always hashes the same. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

class ClaimedMeanwhile extends Error {}

/**
 * Runs a partner operation at most once per request id: a retry with the same input answers the
 * stored response; the same id with another input is a CONFLICT. The effect, the stored response
 * and the audit row share one transaction.
 */
export async function idempotent<T extends Record<string, unknown>>(
  ctx: InteropContext,
  operation: string,
  requestId: string,
  input: unknown,
  run: (tx: Executor) => Promise<T>,
  onReplay?: (tx: Executor, stored: T) => Promise<void>,
): Promise<T> {
  if (!REQUEST_ID.test(requestId)) {
    throw new BadUserInputError('requestId must be 8-128 characters of A-Z a-z 0-9 _ . : -', { field: 'input.requestId', reason: 'BAD_REQUEST_ID' });
  }
  const partner = ctx.principal.subject;
  const inputHash = createHash('sha256').update(`${operation}\n${canonical(input)}`).digest('base64url');
  const attempt = () =>
    ctx.repo.transaction(async (tx) => {
      const stored = await ctx.repo.status.storedRequest(partner, requestId, tx);
      if (stored) {
        if (stored.operation !== operation || stored.inputHash !== inputHash) {
          throw new ConflictError('This requestId was used for a different request', { reason: 'REQUEST_ID_REUSED', requestId });
        }
        await onReplay?.(tx, stored.response as T);
        return stored.response as T;
      }
      const response = await run(tx);
      if (!(await ctx.repo.status.storeRequest({ partnerCode: partner, requestId, operation, inputHash, response }, tx))) throw new ClaimedMeanwhile();
      return response;
    });
  try {
    return await attempt();
  } catch (err) {
    // A concurrent retry of the same request won the insert: answer what it stored.
    if (err instanceof ClaimedMeanwhile) return attempt();
    throw err;
  }
}
