import { regionName } from '../../../common/domain/regions/index.js';
import type { RiskKind } from './rule-sets.js';

/**
 * Who may make a designation take effect, when an emergency one lapses, and what counts as unusual
 * designating (issue 26, SPEC §2). Pure: the service reads the rows and the clock, these decide.
 */

export type BasisKind = 'EPIDEMIOLOGICAL_REPORT' | 'DIAGNOSIS' | 'AREA_RISK_NOTICE' | 'PARTNER_REQUEST' | 'LEGACY_IMPORT';
export type DesignationStatus = 'ACTIVE' | 'PENDING_APPROVAL' | 'LAPSED';
export type AlertKind = 'OFFICER_RATE' | 'ORGANISATION_RATE' | 'RED_WITHOUT_EPIDEMIOLOGICAL_BASIS';

/** Basis kinds an officer of ours may name (the others say where a designation came from). */
export const OFFICER_BASIS_KINDS: readonly BasisKind[] = ['EPIDEMIOLOGICAL_REPORT', 'DIAGNOSIS', 'AREA_RISK_NOTICE'];
/** The epidemiological kinds: the ordinary basis of a RED designation. */
export const EPIDEMIOLOGICAL_BASIS_KINDS: readonly BasisKind[] = ['EPIDEMIOLOGICAL_REPORT', 'DIAGNOSIS'];

export const RED_KINDS: readonly RiskKind[] = ['CONFIRMED', 'SUSPECTED', 'CLOSE_CONTACT'];

/** The scope an authority key carries to name its organisation: `org:<GB/T 2260 code>` (`org:450103`, 青秀区). */
export const ORGANISATION_SCOPE_PREFIX = 'org:';
/** The scope of the authority's supervisors, who read `designationAlerts`. */
export const SUPERVISOR_SCOPE = 'supervisor';

/**
 * The organisation an authority principal acts for: the region code of its health commission, from
 * its key's `org:` scope; a key with none speaks for the provincial commission.
 */
export function organisationOf(principal: { scopes: readonly string[] }, provinceCode: string): string {
  const scope = principal.scopes.find((s) => s.startsWith(ORGANISATION_SCOPE_PREFIX));
  const code = scope?.slice(ORGANISATION_SCOPE_PREFIX.length);
  return code && /^\d{6}$/.test(code) ? code : provinceCode;
}

/** The commission's name as a resident reads it: 南宁市卫生健康委员会. */
export function organisationName(code: string): string {
  return `${regionName(code) ?? code}卫生健康委员会`;
}

/** A region code's significant prefix: 450000 → 45, 450100 → 4501, 450103 → 450103. */
function prefixOf(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** True when `upper` is `lower` or a commission above it (the province above its cities, a city above its counties). */
export function isSameOrHigher(upper: string, lower: string): boolean {
  return lower.startsWith(prefixOf(upper));
}

export interface Officer {
  /** The principal kind and subject (`authority:gx-cdc-demo`). */
  actor: string;
  organisation: string;
}

export type ApprovalRefusal = 'NOT_PENDING' | 'OWN_DESIGNATION' | 'LOWER_ORGANISATION';

/**
 * Whether `approver` may approve a designation `designator` made: a different principal, of the same
 * organisation or one above it. An emergency designation still standing may be approved; a lapsed,
 * lifted or voided one may not.
 */
export function approvalRefusal(d: { status: DesignationStatus; emergency: boolean; approved: boolean; ended: boolean }, designator: Officer, approver: Officer): ApprovalRefusal | null {
  const awaiting = !d.ended && !d.approved && (d.status === 'PENDING_APPROVAL' || (d.status === 'ACTIVE' && d.emergency));
  if (!awaiting) return 'NOT_PENDING';
  if (designator.actor === approver.actor) return 'OWN_DESIGNATION';
  if (!isSameOrHigher(approver.organisation, designator.organisation)) return 'LOWER_ORGANISATION';
  return null;
}

/** Where a designation comes from, which decides whether it waits for a second officer. */
export type DesignationOrigin = 'OFFICER_PERSON' | 'AREA' | 'PARTNER' | 'LEGACY';

/**
 * The status a new designation starts in. Every kind of ours is RED or YELLOW, so an officer's
 * designation of a named person always waits for a second officer, unless it is an emergency: then
 * it is in effect at once, until it lapses. Area, place-window, partner and legacy designations
 * carry their basis and take effect at once.
 */
export function initialStatus(origin: DesignationOrigin, emergency: boolean): DesignationStatus {
  if (origin !== 'OFFICER_PERSON') return 'ACTIVE';
  return emergency ? 'ACTIVE' : 'PENDING_APPROVAL';
}

/** When an unapproved emergency designation made at `at` lapses. */
export function lapsesAt(at: Date, hours: number): string {
  return new Date(at.getTime() + Math.min(24, Math.max(1, hours)) * 3_600_000).toISOString();
}

/** Whether a designation counts for the colour at `now`: active, and not an emergency past its lapse. */
export function inEffect(d: { status?: DesignationStatus | null; lapsesAt?: string | null; approvedAt?: string | null }, now: number): boolean {
  if (d.status === 'PENDING_APPROVAL' || d.status === 'LAPSED') return false;
  if (d.lapsesAt && !d.approvedAt && Date.parse(d.lapsesAt) <= now) return false;
  return true;
}

export interface AlertThresholds {
  windowMinutes: number;
  officerMax: number;
  organisationMax: number;
}

export interface Alert {
  kind: AlertKind;
  count: number;
  threshold: number;
}

/**
 * The alerts one designating step raises. `officerCount` and `organisationCount` are the
 * designations in the window, this step's included, `added` of them by this step: an alert is raised
 * when the step crosses a threshold (so a burst raises it once, not once per designation after it),
 * and a RED designation on no epidemiological basis raises one every time.
 */
export function alertsFor(input: { kind: RiskKind; basisKind: BasisKind; officerCount: number; organisationCount: number; added: number }, t: AlertThresholds): Alert[] {
  const out: Alert[] = [];
  const crosses = (count: number, max: number) => count > max && count - input.added <= max;
  if (crosses(input.officerCount, t.officerMax)) out.push({ kind: 'OFFICER_RATE', count: input.officerCount, threshold: t.officerMax });
  if (crosses(input.organisationCount, t.organisationMax)) out.push({ kind: 'ORGANISATION_RATE', count: input.organisationCount, threshold: t.organisationMax });
  if (RED_KINDS.includes(input.kind) && !EPIDEMIOLOGICAL_BASIS_KINDS.includes(input.basisKind)) out.push({ kind: 'RED_WITHOUT_EPIDEMIOLOGICAL_BASIS', count: input.added, threshold: 0 });
  return out;
}

/** A basis reference: 1 to 64 characters, no control characters. Null when acceptable, else the reason. */
export function basisReferenceProblem(reference: string): string | null {
  const r = reference.trim();
  if (r.length < 1 || r.length > 64) return 'BAD_BASIS_REFERENCE';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(r)) return 'BAD_BASIS_REFERENCE';
  return null;
}
