import { errors as joseErrors } from 'jose';
import { auditRecord } from '../../../../common/platform/audit.js';
import { BadUserInputError, NotFoundError } from '../../../../common/platform/errors.js';
import { assertId, isUuid, newId } from '../../../../common/platform/ids.js';
import { tokenProblem } from '../../../../common/platform/keys.js';
import { isGuangxiCounty } from '../../../../common/domain/regions/index.js';
import { instantWindow } from '../../../../common/domain/windows.js';
import type { HealthStatusContext } from '../../context.js';
import type { PlaceRow, PlaceVisitRow, PlaceWindowRow } from '../../db/repository.js';
import type { PlaceKind } from '../../db/tables.js';
import { windowNote } from '../../domain/places.js';
import { localDate } from '../../domain/rules.js';
import { currentCodes } from '../codes/codes.service.js';
import { reevaluate } from '../codes/evaluation.js';
import { organisationOfCaller } from '../designations/designations.service.js';

/** The JWT `typ` of a place code: a code token (`hc+jwt`) is not one, nor the other way round. */
export const PLACE_TOKEN_TYPE = 'hc-place+jwt';
/** A printed place code is posted for years, like a shop's licence; a new registration replaces it. */
export const PLACE_TOKEN_TTL_SECONDS = 3 * 366 * 86_400;
/** Where the printed QR points, after the H5 page's origin. */
export const placeQrPath = (token: string) => `/h5/#place=${token}`;
/** The source of a designation made by a place window: which place, for the resident's reasons. */
export const placeSource = (placeId: string) => `PLACE:${placeId}`;
/** Basis references are case or notice numbers (issue 26). */
const MAX_REFERENCE = 64;
const MAX_NOTE = 2000;
const BATCH = 1000;

const actorOf = (ctx: HealthStatusContext) => `${ctx.principal.kind}:${ctx.principal.subject}`;

export async function registerPlace(ctx: HealthStatusContext, input: { name: string; county: string; kind: PlaceKind }): Promise<{ place: PlaceRow; token: string; qrPath: string; expiresAt: string }> {
  const name = input.name.trim();
  if (!name || [...name].length > 50) throw new BadUserInputError('name must be 1-50 characters', { field: 'input.name', reason: 'BAD_NAME' });
  if (!isGuangxiCounty(input.county)) throw new BadUserInputError(`county ${input.county} is not a county of the province`, { field: 'input.county', reason: 'BAD_COUNTY' });
  const id = newId();
  const now = ctx.clock();
  // Only the place's id is needed to check in; name, county and kind let an offline reader show it.
  const { token, expiresAt } = await ctx.keys.sign(
    { sub: id, name, county: input.county, kind: input.kind },
    { issuer: ctx.provinceCode, ttlSeconds: PLACE_TOKEN_TTL_SECONDS, typ: PLACE_TOKEN_TYPE, now },
  );
  const place = await ctx.repo.places.insertPlace({ id, name, county: input.county, kind: input.kind, createdBy: actorOf(ctx), createdAt: now.toISOString() });
  return { place, token, qrPath: placeQrPath(token), expiresAt: expiresAt.toISOString() };
}

/** Why a token is not a place code of ours, as the stable reason the H5 page shows. */
export function placeTokenProblem(err: unknown): string {
  if (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === 'typ') return 'WRONG_TOKEN_TYPE';
  return tokenProblem(err);
}

/** The registered place a token names, or BAD_USER_INPUT with the reason. */
export async function placeOfToken(ctx: HealthStatusContext, token: string): Promise<PlaceRow> {
  let sub: unknown;
  try {
    ({
      payload: { sub },
    } = await ctx.keys.verify(token, { issuer: ctx.provinceCode, typ: PLACE_TOKEN_TYPE, currentDate: ctx.clock() }));
  } catch (err) {
    const reason = placeTokenProblem(err);
    throw new BadUserInputError(`Not a valid place code (${reason})`, { field: 'token', reason });
  }
  const place = typeof sub === 'string' && isUuid(sub) ? await ctx.loaders.places.load(sub) : null;
  if (!place) throw new BadUserInputError('Not a valid place code (UNKNOWN_PLACE)', { field: 'token', reason: 'UNKNOWN_PLACE' });
  return place;
}

/**
 * A resident's check-in at a place, for themself or a dependent they hold: the visit with the
 * colour shown on the card, one statement (the hourly counter moves with it, migration 0017).
 */
export async function checkInAtPlace(ctx: HealthStatusContext, token: string, personId?: string | null): Promise<PlaceVisitRow> {
  const place = await placeOfToken(ctx, token);
  const me = await ctx.access.me();
  const target = personId ? assertId(personId, 'personId') : me;
  if (target !== me) await ctx.access.assertMayActFor(target, 'check this person in');
  const [view] = await currentCodes(ctx, [target]);
  const color = view?.code.color ?? 'GREEN';
  return ctx.repo.places.insertVisit({ id: newId(), placeId: place.id, personId: target, at: ctx.clock().toISOString(), color, byPerson: target === me ? null : me });
}

function checkBasis(basis: { kind: string; reference: string }): { kind: string; reference: string } {
  const reference = basis.reference.trim();
  if (!reference || [...reference].length > MAX_REFERENCE) {
    throw new BadUserInputError(`basis.reference must be 1-${MAX_REFERENCE} characters`, { field: 'input.basis.reference', reason: 'BAD_BASIS' });
  }
  return { kind: basis.kind, reference };
}

/** `[from, to)`, a tracing window (31 days at most) that has ended (no future check-in can join it). */
function checkWindow(from: string, to: string, now: Date): [string, string] {
  const [f, t] = instantWindow(from, to).map((s) => new Date(s).toISOString()) as [string, string];
  if (Date.parse(t) > now.getTime() + 60_000) throw new BadUserInputError('to is in the future', { field: 'input.to', reason: 'BAD_WINDOW' });
  return [f, t];
}

/**
 * A place and window designated: its row (with the basis) and, in one set-based statement, a KEY_AREA
 * designation for each visitor in it who has none from it yet; audited and re-evaluated in batches,
 * all in one transaction. Again for the same window: the same row, nobody designated twice.
 */
export async function designatePlaceWindow(
  ctx: HealthStatusContext,
  input: { placeId: string; from: string; to: string; basis: { kind: string; reference: string }; note?: string | null },
): Promise<{ window: PlaceWindowRow; designated: number }> {
  const placeId = assertId(input.placeId, 'input.placeId');
  const now = ctx.clock();
  const [from, to] = checkWindow(input.from, input.to, now);
  const basis = checkBasis(input.basis);
  const note = input.note?.trim() || null;
  if (note && [...note].length > MAX_NOTE) throw new BadUserInputError(`note is longer than ${MAX_NOTE} characters`, { field: 'input.note', reason: 'BAD_NOTE' });
  const place = await ctx.loaders.places.load(placeId);
  if (!place) throw new NotFoundError('No such place', { reason: 'UNKNOWN_PLACE' });
  return ctx.repo.transaction(async (tx) => {
    const claimed = await ctx.repo.places.claimWindow(
      { id: newId(), placeId, from, to, basisKind: basis.kind, basisReference: basis.reference, note, designated: 0, createdBy: actorOf(ctx), createdAt: now.toISOString() },
      tx,
    );
    // An area-like designation: no second officer (issue 26), but its basis and commission, and counted in the public report.
    const organisation = organisationOfCaller(ctx);
    const made = await ctx.repo.places.designateVisitors(
      { placeId, from, to, source: placeSource(placeId), note: windowNote(place.name, from, to, note), createdBy: actorOf(ctx), basisKind: basis.kind, basisReference: basis.reference, organisation },
      tx,
    );
    if (made.length) await ctx.repo.designations.count([{ day: localDate(now), kind: 'KEY_AREA', basisKind: basis.kind, organisation, step: 'made', n: made.length }], tx);
    if (claimed.created) await ctx.repo.audit([auditRecord(ctx.principal, 'DESIGNATE_PLACE_WINDOW', null, { placeId, placeWindowId: claimed.window.id, from, to, basisKind: basis.kind, basisReference: basis.reference })], tx);
    const detail = { kind: 'KEY_AREA', since: from, placeId, placeWindowId: claimed.window.id, basisKind: basis.kind, basisReference: basis.reference, bulk: true };
    for (let i = 0; i < made.length; i += BATCH) {
      const batch = made.slice(i, i + BATCH);
      await ctx.repo.audit(batch.map((d) => auditRecord(ctx.principal, 'DESIGNATE_RISK', d.personId, { ...detail, designationId: d.id })), tx);
      await reevaluate(ctx, tx, batch.map((d) => d.personId), now, ctx.principal);
    }
    const window = made.length ? await ctx.repo.places.setWindowDesignated(claimed.window.id, claimed.window.designated + made.length, tx) : claimed.window;
    return { window, designated: made.length };
  });
}
