import { auditRecord } from '../../../../common/platform/audit.js';
import { documentIndex } from '../../../../common/platform/crypto.js';
import { maskDocumentNumber } from '../../../../common/domain/documents/masking.js';
import { validateDocument, type DocumentType } from '../../../../common/domain/documents/index.js';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../../../../common/platform/errors.js';
import { assertId, newId } from '../../../../common/platform/ids.js';
import type { HealthStatusContext } from '../../context.js';
import type { PersonRow, RiskDesignationRow } from '../../db/repository.js';
import type { RiskKind } from '../../db/tables.js';
import { localDate } from '../../domain/rules.js';
import { approvalRefusal, basisReferenceProblem, initialStatus, lapsesAt, OFFICER_BASIS_KINDS, organisationOf, type BasisKind } from '../../domain/designations.js';
import { reevaluate } from '../codes/evaluation.js';
import type { CountedStep, CounterStep } from './designations.repository.js';
import { raiseAlerts } from './alerts.js';

export const MAX_BULK = 10_000;
/** Designations may be back-dated (contact tracing finds contacts late), never post-dated. */
const EARLIEST = '2019-12-01T00:00:00Z';

export interface DocumentRef {
  type?: DocumentType | null;
  number: string;
}

function checkSince(since: string, now: Date): string {
  const t = Date.parse(since);
  if (t > now.getTime() + 60_000) throw new BadUserInputError('since is in the future', { field: 'input.since', reason: 'FUTURE_SINCE' });
  if (t < Date.parse(EARLIEST)) throw new BadUserInputError(`since is before ${EARLIEST}`, { field: 'input.since', reason: 'BAD_SINCE' });
  return new Date(t).toISOString();
}

function indexOf(ctx: HealthStatusContext, doc: DocumentRef, field: string) {
  const type = doc.type ?? 'RESIDENT_ID';
  const v = validateDocument(type, doc.number, ctx.today);
  if (!v.ok) return { ok: false as const, field, reason: v.reason, message: v.message };
  return { ok: true as const, documentType: type, number: v.value.number, documentIndex: documentIndex(ctx.secrets.documentIndexKey, type, v.value.number) };
}

const actorOf = (ctx: HealthStatusContext) => `${ctx.principal.kind}:${ctx.principal.subject}`;

export interface BasisInput {
  kind: BasisKind;
  reference: string;
}

/** The basis an officer names: required, of a kind an officer may name, with a usable reference. */
export function checkBasis(basis: BasisInput | null | undefined, field = 'input.basis'): BasisInput {
  if (!basis) throw new BadUserInputError('A designation needs its legal basis (kind and case or notice number)', { field, reason: 'BASIS_REQUIRED' });
  if (!OFFICER_BASIS_KINDS.includes(basis.kind)) {
    throw new BadUserInputError(`${basis.kind} names where a designation came from; an officer's basis is ${OFFICER_BASIS_KINDS.join(', ')}`, { field: `${field}.kind`, reason: 'BASIS_NOT_FOR_OFFICERS' });
  }
  const problem = basisReferenceProblem(basis.reference);
  if (problem) throw new BadUserInputError('The basis reference must be 1 to 64 characters, no control characters', { field: `${field}.reference`, reason: problem });
  return { kind: basis.kind, reference: basis.reference.trim() };
}

/** The officer's commission, from their key's `org:` scope. */
export const organisationOfCaller = (ctx: HealthStatusContext) => organisationOf(ctx.principal, ctx.provinceCode);

/** Designates one person (by id or document) and re-evaluates their code, in one transaction. */
export async function designateRisk(
  ctx: HealthStatusContext,
  input: { personId?: string | null; document?: DocumentRef | null; kind: RiskKind; since: string; note?: string | null; basis?: BasisInput | null; emergency?: boolean | null },
): Promise<RiskDesignationRow> {
  const basis = checkBasis(input.basis);
  if (!!input.personId === !!input.document) {
    throw new BadUserInputError('Give exactly one of personId and document', { field: 'input', reason: 'ONE_OF_PERSON_OR_DOCUMENT' });
  }
  const now = ctx.clock();
  const since = checkSince(input.since, now);
  // The person may have registered a moment ago: learn of it before looking them up.
  await ctx.fresh();
  let person: PersonRow | undefined;
  if (input.personId) {
    [person] = await ctx.repo.persons.personsByIds([assertId(input.personId, 'input.personId')]);
  } else {
    const ref = indexOf(ctx, input.document!, 'input.document.number');
    if (!ref.ok) throw new BadUserInputError(ref.message, { field: ref.field, reason: ref.reason });
    [person] = await ctx.repo.persons.personsByDocuments([ref]);
  }
  if (!person) throw new NotFoundError('Nobody registered matches', { reason: 'UNKNOWN_PERSON' });
  const personId = person.personId;
  const emergency = input.emergency === true;
  const status = initialStatus('OFFICER_PERSON', emergency);
  const organisation = organisationOfCaller(ctx);
  const { row, alerts } = await ctx.repo.transaction(async (tx) => {
    const [row] = await ctx.repo.designations.insertDesignations(
      [
        {
          id: newId(),
          personId,
          kind: input.kind,
          since,
          source: 'AUTHORITY',
          note: input.note ?? null,
          createdBy: actorOf(ctx),
          createdAt: now.toISOString(),
          basisKind: basis.kind,
          basisReference: basis.reference,
          organisation,
          status,
          emergency,
          lapsesAt: emergency ? lapsesAt(now, ctx.designationRules.emergencyHours) : null,
        },
      ],
      tx,
    );
    await ctx.repo.audit([auditRecord(ctx.principal, 'DESIGNATE_RISK', personId, { kind: input.kind, since, designationId: row!.id, basis, organisation, status, emergency })], tx);
    await ctx.repo.designations.count([{ day: localDate(now), kind: input.kind, basisKind: basis.kind, organisation, step: 'made', n: 1 }], tx);
    const alerts = await raiseAlerts(ctx, tx, { kind: input.kind, basisKind: basis.kind, organisation, officer: actorOf(ctx), added: 1, designationId: row!.id }, now);
    if (status === 'ACTIVE') await reevaluate(ctx, tx, [personId], now, ctx.principal);
    return { row: row!, alerts };
  });
  alerts.logged();
  return row;
}

/** Up to 10,000 designations at once, all or nothing (unknown documents skipped only on request). */
export async function designateRisks(
  ctx: HealthStatusContext,
  input: { kind: RiskKind; since: string; note?: string | null; documents: DocumentRef[]; skipUnknown?: boolean | null; basis?: BasisInput | null },
): Promise<{ designated: number; unknown: { index: number; maskedNumber: string }[]; batchId: string | null; status: 'PENDING_APPROVAL' }> {
  const basis = checkBasis(input.basis);
  if (input.documents.length < 1 || input.documents.length > MAX_BULK) {
    throw new BadUserInputError(`documents must hold 1 to ${MAX_BULK} entries`, { field: 'input.documents', reason: 'BAD_BATCH_SIZE' });
  }
  const now = ctx.clock();
  const since = checkSince(input.since, now);
  const refs = input.documents.map((d, i) => indexOf(ctx, d, `input.documents.${i}.number`));
  const invalid = refs.flatMap((r, i) => (r.ok ? [] : [{ index: i, reason: r.reason }]));
  if (invalid.length) {
    throw new BadUserInputError(`${invalid.length} document(s) are malformed; nothing was designated`, { field: 'input.documents', reason: 'INVALID_DOCUMENTS', invalid: invalid.slice(0, 100) });
  }
  const valid = refs.filter((r) => r.ok);
  await ctx.fresh();
  const found = await ctx.repo.persons.personsByDocuments(valid);
  const byIndex = new Map(found.map((p) => [`${p.documentType}:${p.documentIndex}`, p]));
  const unknown = valid.flatMap((r, i) => (byIndex.has(`${r.documentType}:${r.documentIndex}`) ? [] : [{ index: i, maskedNumber: maskDocumentNumber(r.documentType, r.number) }]));
  if (unknown.length && !input.skipUnknown) {
    throw new NotFoundError(`${unknown.length} document(s) belong to nobody registered; nothing was designated`, {
      reason: 'UNKNOWN_DOCUMENTS',
      unknown: unknown.slice(0, 100).map((u) => u.index),
    });
  }
  const personIds = [...new Set(found.map((p) => p.personId))];
  if (!personIds.length) return { designated: 0, unknown, batchId: null, status: 'PENDING_APPROVAL' };
  const organisation = organisationOfCaller(ctx);
  const batchId = newId();
  // A list of named people waits for a second officer as a whole: no colour changes until then.
  const status = initialStatus('OFFICER_PERSON', false);
  const alerts = await ctx.repo.transaction(async (tx) => {
    const rows = await ctx.repo.designations.insertDesignations(
      personIds.map((personId) => ({
        id: newId(),
        personId,
        kind: input.kind,
        since,
        source: 'AUTHORITY',
        note: input.note ?? null,
        createdBy: actorOf(ctx),
        createdAt: now.toISOString(),
        basisKind: basis.kind,
        basisReference: basis.reference,
        organisation,
        status,
        batchId,
      })),
      tx,
    );
    for (let i = 0; i < rows.length; i += 1000) {
      await ctx.repo.audit(
        rows.slice(i, i + 1000).map((r) => auditRecord(ctx.principal, 'DESIGNATE_RISK', r.personId, { kind: input.kind, since, designationId: r.id, bulk: true, batchId, basis, organisation, status })),
        tx,
      );
    }
    await ctx.repo.designations.count([{ day: localDate(now), kind: input.kind, basisKind: basis.kind, organisation, step: 'made', n: rows.length }], tx);
    return raiseAlerts(ctx, tx, { kind: input.kind, basisKind: basis.kind, organisation, officer: actorOf(ctx), added: rows.length, designationId: rows[0]!.id }, now);
  });
  alerts.logged();
  return { designated: personIds.length, unknown, batchId, status: 'PENDING_APPROVAL' };
}

/**
 * A second officer approves one designation or a `designateRisks` list: they take effect now and the
 * codes are re-evaluated, in one transaction. Refused for the designating officer themself and for
 * an officer of a commission below the designating one.
 */
export async function approveDesignation(ctx: HealthStatusContext, args: { designationId?: string | null; batchId?: string | null }): Promise<{ approved: number; designation: RiskDesignationRow | null }> {
  if (!!args.designationId === !!args.batchId) throw new BadUserInputError('Give exactly one of designationId and batchId', { field: 'designationId', reason: 'ONE_OF_DESIGNATION_OR_BATCH' });
  const now = ctx.clock();
  const approver = { actor: actorOf(ctx), organisation: organisationOfCaller(ctx) };
  await ctx.fresh();
  return ctx.repo.transaction(async (tx) => {
    const rows = args.designationId
      ? [await ctx.repo.designations.designation(assertId(args.designationId, 'designationId'), tx)].filter((r) => !!r)
      : await ctx.repo.designations.designationsOfBatch(assertId(args.batchId!, 'batchId'), tx);
    if (!rows.length) throw new NotFoundError('No such designation', { reason: 'UNKNOWN_DESIGNATION' });
    const refusals = rows.map((d) =>
      approvalRefusal(
        { status: d.status, emergency: d.emergency, approved: !!d.approvedAt, ended: !!d.liftedAt || !!d.voidedAt },
        { actor: d.createdBy, organisation: d.organisation ?? ctx.provinceCode },
        approver,
      ),
    );
    const refused = refusals.find((r) => r === 'OWN_DESIGNATION' || r === 'LOWER_ORGANISATION');
    if (refused === 'OWN_DESIGNATION') throw new ForbiddenError('A designation takes a second officer: not the one who made it', { reason: 'OWN_DESIGNATION' });
    if (refused === 'LOWER_ORGANISATION') throw new ForbiddenError('The approver must be of the designating commission or one above it', { reason: 'LOWER_ORGANISATION' });
    const due = rows.filter((_d, i) => refusals[i] === null);
    if (!due.length) throw new ConflictError('Nothing here awaits approval (approved, lapsed or lifted already)', { reason: 'NOT_PENDING' });
    const approved = await ctx.repo.designations.approveDesignations(due.map((d) => d.id), now, actorOf(ctx), tx);
    for (let i = 0; i < due.length; i += 1000) {
      await ctx.repo.audit(
        due.slice(i, i + 1000).map((d) => auditRecord(ctx.principal, 'APPROVE_DESIGNATION', d.personId, { designationId: d.id, kind: d.kind, designatedBy: d.createdBy, emergency: d.emergency, ...(d.batchId ? { batchId: d.batchId } : {}) })),
        tx,
      );
    }
    await ctx.repo.designations.count(due.map((d) => counted(d, 'approved', now, ctx.provinceCode)), tx);
    const personIds = [...new Set(due.map((d) => d.personId))];
    for (let i = 0; i < personIds.length; i += 1000) await reevaluate(ctx, tx, personIds.slice(i, i + 1000), now, ctx.principal);
    return { approved: approved.length, designation: args.designationId ? (approved[0] ?? null) : null };
  });
}

/** Lifts a designation and re-evaluates the person's code, in one transaction. */
export async function liftRisk(ctx: HealthStatusContext, designationId: string, note: string | null | undefined): Promise<RiskDesignationRow> {
  const id = assertId(designationId, 'designationId');
  const now = ctx.clock();
  await ctx.fresh();
  return ctx.repo.transaction(async (tx) => {
    const current = await ctx.repo.designations.designation(id, tx);
    if (!current) throw new NotFoundError('No such designation', { reason: 'UNKNOWN_DESIGNATION' });
    if (current.liftedAt || current.voidedAt) throw new ConflictError('The designation is lifted already', { reason: 'ALREADY_LIFTED' });
    const lifted = await ctx.repo.designations.liftDesignation(id, now, actorOf(ctx), note ?? null, tx);
    await ctx.repo.audit([auditRecord(ctx.principal, 'LIFT_RISK', current.personId, { designationId: id, kind: current.kind })], tx);
    await ctx.repo.designations.count([counted(current, 'lifted', now, ctx.provinceCode)], tx);
    await reevaluate(ctx, tx, [current.personId], now, ctx.principal);
    return lifted;
  });
}

/** A designation's counter step: its kind, basis kind and organisation (its source when no commission of ours made it). */
export function counted(d: RiskDesignationRow, step: CountedStep, now: Date, provinceCode: string): CounterStep {
  const organisation = d.organisation ?? (d.source === 'AUTHORITY' ? provinceCode : d.source);
  return { day: localDate(now), kind: d.kind, basisKind: d.basisKind ?? 'UNSTATED', organisation, step, n: 1 };
}
