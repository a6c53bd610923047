import { publishEvents } from '../../../../common/platform/events/typed.js';
import { auditRecord } from '../../../../common/platform/audit.js';
import { DECLARATION_EVENTS, type DeclarationRecorded } from '../../../../common/platform/events/contracts.js';
import { BadUserInputError } from '../../../../common/platform/errors.js';
import { assertId, newId } from '../../../../common/platform/ids.js';
import { toLocalDateTime } from '../../../../common/platform/scalars.js';
import type { DeclarationsContext } from '../../context.js';
import type { DeclarationRow } from '../../db/repository.js';
import { validateDeclaration, type DeclarationInput } from '../../domain/declaration.js';

const isUniqueViolation = (err: unknown) => (err as { code?: string; cause?: { code?: string } })?.code === '23505' || (err as { cause?: { code?: string } })?.cause?.code === '23505';

/**
 * Records a declaration version and its DeclarationRecorded event in one transaction. The person's
 * day is locked first, so parallel declarations queue and become successive versions; the retry on
 * the unique version key is a last resort (a writer that does not take the lock).
 */
export async function submitDeclaration(ctx: DeclarationsContext, input: DeclarationInput & { personId?: string | null }): Promise<DeclarationRow> {
  const personId = input.personId ? assertId(input.personId, 'input.personId') : await ctx.access.me();
  const relation = await ctx.access.assertMayActFor(personId, 'declare for this person');
  const valid = validateDeclaration(input, ctx.today);
  if (!valid.ok) throw new BadUserInputError(valid.message, { field: valid.field, reason: valid.reason });
  const v = valid.value;
  const submittedBy = await ctx.access.me();

  const attempt = () =>
    ctx.repo.transaction(async (tx) => {
      await ctx.repo.declarations.lockDay(personId, v.date, tx);
      const row = await ctx.repo.declarations.insertVersion(
        {
          id: newId(),
          personId,
          localDate: v.date,
          temperature: v.temperature,
          symptoms: v.symptoms,
          exposures: v.exposures,
          trip: v.trip,
          normal: v.normal,
          submittedBy,
          submittedByRelation: relation,
          channel: ctx.principal.subject,
        },
        tx,
      );
      const payload: DeclarationRecorded = {
        declarationId: row.id,
        personId,
        localDate: row.localDate,
        version: row.version,
        temperature: v.temperature,
        symptoms: v.symptoms,
        exposures: v.exposures,
        normal: v.normal,
        submittedAt: toLocalDateTime(row.submittedAt),
      };
      await publishEvents(ctx.events, tx, [{ type: DECLARATION_EVENTS.DeclarationRecorded, personId, payload }]);
      if (relation === 'GUARDIAN') {
        await ctx.repo.audit([auditRecord(ctx.principal, 'DECLARE_FOR_DEPENDENT', personId, { guardianId: submittedBy, version: row.version })], tx);
      }
      return row;
    });
  try {
    return await attempt();
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return attempt();
  }
}
