import { systemActor } from '../../../common/audit.js';
import type { HealthStatusContext } from '../context.js';
import type { HealthCodeRow, PersonRow } from '../db/repository.js';
import { reevaluate } from './evaluation.js';

/** A person's current code as the API shows it; the token is signed when first asked for. */
export interface CodeView {
  person: PersonRow;
  code: Pick<HealthCodeRow, 'color' | 'reasons' | 'normalDays' | 'greenOn' | 'ruleVersion' | 'localDate'> & { evaluatedAt: string };
  signed?: Promise<{ token: string; expiresAt: Date }>;
}

/**
 * Current codes for a batch of people: the stored ones when evaluated today, re-evaluated (and
 * stored) when the day has turned since, so a read never shows yesterday's colour.
 */
export async function currentCodes(ctx: HealthStatusContext, personIds: readonly string[]): Promise<(CodeView | null)[]> {
  const stored = new Map((await ctx.repo.storedCodes(personIds)).map((s) => [s.person.personId, s]));
  const stale = [...stored.values()].filter((s) => !s.code || s.code.localDate !== ctx.today).map((s) => s.person.personId);
  const fresh = stale.length
    ? await ctx.repo.transaction((tx) => reevaluate(ctx, tx, stale, ctx.clock(), systemActor('health-status')))
    : new Map();
  const at = ctx.clock().toISOString();
  return personIds.map((id) => {
    const s = stored.get(id);
    if (!s) return null;
    const ev = fresh.get(id);
    if (ev) return { person: s.person, code: { ...ev, evaluatedAt: at } };
    return { person: s.person, code: { ...s.code!, evaluatedAt: s.code!.evaluatedAt } };
  });
}

/** Signs the QR token for a code: a random code id, never the person or their document. */
export function tokenOf(ctx: HealthStatusContext, view: CodeView): Promise<{ token: string; expiresAt: Date }> {
  view.signed ??= ctx.keys.sign(
    { sub: view.person.codeId, color: view.code.color, rv: view.code.ruleVersion },
    { issuer: ctx.provinceCode, ttlSeconds: ctx.tokenTtlSeconds, typ: 'hc+jwt', now: ctx.clock() },
  );
  return view.signed;
}
