import { auditRecord } from '../../../../common/platform/audit.js';
import { documentIndex } from '../../../../common/platform/crypto.js';
import { maskDocumentNumber } from '../../../../common/domain/documents/masking.js';
import { validateDocument, type DocumentType } from '../../../../common/domain/documents/index.js';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../../common/platform/errors.js';
import { assertId, newId } from '../../../../common/platform/ids.js';
import type { HealthStatusContext } from '../../context.js';
import type { PersonRow, RiskDesignationRow } from '../../db/repository.js';
import type { RiskKind } from '../../db/tables.js';
import { reevaluate } from '../codes/evaluation.js';

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

/** Designates one person (by id or document) and re-evaluates their code, in one transaction. */
export async function designateRisk(
  ctx: HealthStatusContext,
  input: { personId?: string | null; document?: DocumentRef | null; kind: RiskKind; since: string; note?: string | null },
): Promise<RiskDesignationRow> {
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
  return ctx.repo.transaction(async (tx) => {
    const [row] = await ctx.repo.designations.insertDesignations(
      [{ id: newId(), personId, kind: input.kind, since, source: 'AUTHORITY', note: input.note ?? null, createdBy: actorOf(ctx) }],
      tx,
    );
    await ctx.repo.audit([auditRecord(ctx.principal, 'DESIGNATE_RISK', personId, { kind: input.kind, since, designationId: row!.id })], tx);
    await reevaluate(ctx, tx, [personId], now, ctx.principal);
    return row!;
  });
}

/** Up to 10,000 designations at once, all or nothing (unknown documents skipped only on request). */
export async function designateRisks(
  ctx: HealthStatusContext,
  input: { kind: RiskKind; since: string; note?: string | null; documents: DocumentRef[]; skipUnknown?: boolean | null },
): Promise<{ designated: number; unknown: { index: number; maskedNumber: string }[] }> {
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
  await ctx.repo.transaction(async (tx) => {
    const rows = await ctx.repo.designations.insertDesignations(
      personIds.map((personId) => ({ id: newId(), personId, kind: input.kind, since, source: 'AUTHORITY', note: input.note ?? null, createdBy: actorOf(ctx) })),
      tx,
    );
    for (let i = 0; i < rows.length; i += 1000) {
      await ctx.repo.audit(
        rows.slice(i, i + 1000).map((r) => auditRecord(ctx.principal, 'DESIGNATE_RISK', r.personId, { kind: input.kind, since, designationId: r.id, bulk: true })),
        tx,
      );
    }
    for (let i = 0; i < personIds.length; i += 1000) await reevaluate(ctx, tx, personIds.slice(i, i + 1000), now, ctx.principal);
  });
  return { designated: personIds.length, unknown };
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
    await reevaluate(ctx, tx, [current.personId], now, ctx.principal);
    return lifted;
  });
}
