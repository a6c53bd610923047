import { maskName } from '../../../../common/domain/documents/masking.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../../common/platform/errors.js';
import { openRef, sealRef } from '../../../../common/domain/sealed-ref.js';
import type { IdentityContext } from '../../context.js';
import type { HouseholdRelation, PersonRow } from '../../db/repository.js';
import { confirmRequest } from './guardianship-requests.service.js';

/** A request's reference lives as long as the visit's (see GRID_SUBJECT_TTL_MS). */
const GRID_REQUEST_TTL_MS = 10 * 60_000;

/** A pending request as a grid worker sees it: a reference for this visit, a masked name, the relation. */
export interface GridVisitRequestView {
  id: string;
  requesterMaskedName: string;
  relation: HouseholdRelation;
}

const checkpointDetail = (ctx: IdentityContext, operation: string) => ({ operation, checkpointId: ctx.principal.subject });

/**
 * The guardianship requests waiting for the visited person, for the grid worker to confirm one the
 * person agrees to at the door. A person with a channel of their own answers there: the grid worker
 * sees none. Each request is handed over as a sealed reference for this checkpoint and this visit,
 * so the worker never holds a request or person id.
 */
export async function pendingRequestsOnGridVisit(ctx: IdentityContext, person: PersonRow): Promise<GridVisitRequestView[]> {
  ctx.audit.record('GRID_READ_GUARDIANSHIP_REQUESTS', person.id, checkpointDetail(ctx, 'gridVisitPerson.pendingGuardianshipRequests'));
  if ((await ctx.loaders.bindings.load(person.id)).length) return [];
  const pending = await ctx.repo.guardianshipRequests.pendingGuardianshipRequestsFor([person.id]);
  const requesters = await ctx.loaders.person.loadMany(pending.map((r) => r.guardianId));
  const expires = new Date(ctx.clock().getTime() + GRID_REQUEST_TTL_MS);
  return pending.map((r, i) => {
    const requester = requesters[i];
    return {
      id: sealRef(ctx.secrets.documentIndexKey, 'GRID_REQUEST', ctx.principal, { personId: r.dependentId, requestId: r.id }, expires),
      requesterMaskedName: requester && !(requester instanceof Error) ? maskName(requester.name) : '',
      relation: r.relation,
    };
  });
}

/**
 * A grid worker confirms, at the door, a request the visited person agrees to: the link becomes
 * confirmed (basis GRID_VISIT), audited with the checkpoint as the visit's other rows are, and
 * shown in the person's access log. Never for a person with a channel of their own, checked under
 * the person's lock so a registration that lands meanwhile wins.
 */
export async function confirmOnGridVisit(ctx: IdentityContext, ref: string): Promise<{ person: PersonRow; requesterName: string; relation: HouseholdRelation }> {
  const { repo } = ctx;
  const opened = openRef(ctx.secrets.documentIndexKey, 'GRID_REQUEST', ctx.principal, ref, ctx.clock());
  if (!opened?.requestId) throw new NotFoundError('No such request on this visit: look the person up again', { reason: 'UNKNOWN_REQUEST' });
  const requestId = opened.requestId;
  return repo.transaction(async (tx) => {
    const request = await repo.guardianshipRequests.lockGuardianshipRequest(requestId, tx);
    if (!request || request.dependentId !== opened.personId) throw new NotFoundError('No such request on this visit: look the person up again', { reason: 'UNKNOWN_REQUEST' });
    if (request.status !== 'PENDING') throw new ConflictError(`This request was already ${request.status.toLowerCase()}`, { reason: 'REQUEST_DECIDED' });
    await repo.persons.lockPersons([request.guardianId, request.dependentId], tx);
    if (await repo.bindings.hasBinding(request.dependentId, tx)) {
      throw new ForbiddenError('This person uses a channel of their own: they accept the request there', { reason: 'OWN_CHANNEL' });
    }
    const people = new Map((await repo.persons.personsByIds([request.guardianId, request.dependentId], tx)).map((p) => [p.id, p]));
    const guardian = people.get(request.guardianId)!;
    await confirmRequest(ctx, tx, request, 'GRID_VISIT', { ...checkpointDetail(ctx, 'confirmGuardianshipOnGridVisit'), what: `guardian ${maskName(guardian.name)}` });
    return { person: people.get(request.dependentId)!, requesterName: guardian.name, relation: request.relation };
  });
}
