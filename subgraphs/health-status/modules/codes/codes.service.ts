import type { AuditCollector } from '../../../../common/platform/audit.js';
import type { KeyRing } from '../../../../common/platform/keys.js';
import type { HealthCodeRow, HealthStatusRepository, PersonRow, StoredCode } from '../../db/repository.js';
import { localDate, RULE_SETS, ruleSetOn } from '../../domain/rules.js';

/** A person's current code as the API shows it; the token is signed when first asked for. */
export interface CodeView {
  person: PersonRow;
  code: Pick<HealthCodeRow, 'color' | 'reasons' | 'normalDays' | 'greenOn' | 'ruleVersion' | 'localDate' | 'evaluatedAt'>;
  signed?: Promise<{ token: string; expiresAt: Date }>;
}

/** What reading a code needs: the stored codes and the clock (for the rule set of a code never evaluated). */
export interface CodeReadDeps {
  repo: { codes: Pick<HealthStatusRepository['codes'], 'storedCodes'> } & Partial<Pick<HealthStatusRepository, 'auditWith'>>;
  clock: () => Date;
  /** The request's read audit: what it holds so far is written by the codes' own statement. */
  audit?: AuditCollector;
}

/**
 * Current codes for a batch of people: one keyed read of what the writes stored. Every fact that can
 * change a colour re-evaluates the person where it is applied, and the daily rollover brings the
 * codes that the date alone changes to the new day, so a read never evaluates and never writes.
 * A person with no stored code has had nothing happen to them: GREEN, no reason, no normal day yet.
 */
export async function currentCodes(deps: CodeReadDeps, personIds: readonly string[]): Promise<(CodeView | null)[]> {
  // A guardian's read of the household audits each dependent (assertMayRead, before this load): those
  // rows ride in the read's statement rather than a second one when the request ends (SPEC §10, W2).
  const entries = deps.audit && deps.repo.auditWith ? deps.audit.drain() : [];
  let found: StoredCode[];
  try {
    found = await deps.repo.codes.storedCodes(personIds, entries.length ? deps.repo.auditWith!(entries) : []);
  } catch (err) {
    deps.audit?.restore(entries);
    throw err;
  }
  const stored = new Map(found.map((s) => [s.person.personId, s]));
  return personIds.map((id) => {
    const s = stored.get(id);
    return s ? codeView(deps.clock, s) : null;
  });
}

/** The view of one stored code: a person with no stored code has had nothing happen to them. */
export function codeView(clock: () => Date, s: StoredCode): CodeView {
  if (s.code) return { person: s.person, code: s.code };
  const today = localDate(clock());
  const never = { color: 'GREEN' as const, reasons: [], normalDays: 0, greenOn: null, ruleVersion: ruleSetOn(RULE_SETS, today).id, localDate: today, evaluatedAt: s.person.registeredAt };
  return { person: s.person, code: never };
}

/** What signing a token needs. */
export interface TokenDeps {
  keys: KeyRing;
  provinceCode: string;
  tokenTtlSeconds: number;
  clock: () => Date;
}

/** Signs the QR token for a code: a random code id, never the person or their document. */
export function tokenOf(deps: TokenDeps, view: CodeView): Promise<{ token: string; expiresAt: Date }> {
  view.signed ??= deps.keys.sign(
    { sub: view.person.codeId, color: view.code.color, rv: view.code.ruleVersion },
    { issuer: deps.provinceCode, ttlSeconds: deps.tokenTtlSeconds, typ: 'hc+jwt', now: deps.clock() },
  );
  return view.signed;
}
