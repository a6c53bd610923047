import { suppressSmall } from '../../../../common/domain/aggregates.js';
import { BadUserInputError } from '../../../../common/platform/errors.js';
import { addDays } from '../../../../common/domain/dates.js';
import { regionName } from '../../../../common/domain/regions/index.js';
import type { HealthStatusContext } from '../../context.js';
import type { DesignationCounterRow, RiskDesignationRow } from '../../db/repository.js';
import { organisationName, type BasisKind } from '../../domain/designations.js';

/** What a resident (and the authority) reads of a designation's basis. */
export interface DesignationBasisView {
  kind: BasisKind;
  reference: string;
  organisation: string;
  howToAppeal: string;
}

export interface CodeNoticeView {
  code: 'DESIGNATION_LAPSED';
  at: string;
  designationId: string;
  kind: RiskDesignationRow['kind'];
}

export interface DesignationReportRowView {
  day: string;
  kind: RiskDesignationRow['kind'];
  basisKind: string;
  organisation: string;
  organisationName: string;
  made: number | null;
  approved: number | null;
  lapsed: number | null;
  lifted: number | null;
  appealed: number | null;
  upheld: number | null;
}

const HOW_TO_APPEAL =
  '如认为该认定有误，可在健康码页面“申诉纠错”中对该原因提出申诉，或拨打12345政务服务便民热线由话务员代为提交；卫生健康部门复核后答复。' +
  ' If you think this is wrong, appeal against this reason from your code page (申诉纠错) or call the 12345 hotline; the health commission reviews it and answers.';

/** Who stands behind a designation, in words: the commission, a partner province, a legacy vendor. */
export function sourceName(d: Pick<RiskDesignationRow, 'organisation' | 'source'>, provinceCode: string): string {
  if (d.organisation) return organisationName(d.organisation);
  if (d.source.startsWith('PARTNER:')) {
    const code = d.source.slice('PARTNER:'.length);
    return regionName(code) ?? code;
  }
  if (d.source.startsWith('LEGACY:')) return `原健康码（${d.source.slice('LEGACY:'.length)}）`;
  return organisationName(provinceCode);
}

/** A designation's basis, or null for rows made before a basis was required. */
export function basisOf(d: RiskDesignationRow, provinceCode: string): DesignationBasisView | null {
  if (!d.basisKind || !d.basisReference) return null;
  return { kind: d.basisKind, reference: d.basisReference, organisation: sourceName(d, provinceCode), howToAppeal: HOW_TO_APPEAL };
}

/** How long a lapse stays among the resident's notices. */
const NOTICE_DAYS = 30;

/** The resident's notices: emergency designations that lapsed unapproved in the last 30 days, newest first. */
export function noticesOf(rows: readonly RiskDesignationRow[], now: Date): CodeNoticeView[] {
  const since = now.getTime() - NOTICE_DAYS * 86_400_000;
  return rows
    .filter((d) => d.status === 'LAPSED' && d.lapsedAt && Date.parse(d.lapsedAt) >= since)
    .sort((a, b) => Date.parse(b.lapsedAt!) - Date.parse(a.lapsedAt!))
    .map((d) => ({ code: 'DESIGNATION_LAPSED' as const, at: d.lapsedAt!, designationId: d.id, kind: d.kind }));
}

/** The longest report one request may ask for. */
export const MAX_REPORT_DAYS = 92;

/** Pure: counters to published rows, each count from 1 to 4 withheld (a lone count, as on dashboards). */
export function reportRows(rows: readonly DesignationCounterRow[]): DesignationReportRowView[] {
  return rows.map((r) => ({
    day: r.day,
    kind: r.kind,
    basisKind: r.basisKind,
    organisation: r.organisation,
    organisationName: /^\d{6}$/.test(r.organisation) ? organisationName(r.organisation) : sourceName({ organisation: null, source: r.organisation }, r.organisation),
    made: suppressSmall(r.made),
    approved: suppressSmall(r.approved),
    lapsed: suppressSmall(r.lapsed),
    lifted: suppressSmall(r.lifted),
    appealed: suppressSmall(r.appealed),
    upheld: suppressSmall(r.upheld),
  }));
}

/** `designationReport(from, to)`: at most 92 days, from the counters. */
export async function designationReport(ctx: HealthStatusContext, from: string, to: string): Promise<{ from: string; to: string; rows: DesignationReportRowView[] }> {
  if (to < from) throw new BadUserInputError('to is before from', { field: 'to', reason: 'BAD_RANGE' });
  if (addDays(from, MAX_REPORT_DAYS - 1) < to) throw new BadUserInputError(`A report spans at most ${MAX_REPORT_DAYS} days`, { field: 'to', reason: 'RANGE_TOO_LONG' });
  return { from, to, rows: reportRows(await ctx.repo.designations.counters(from, to)) };
}
