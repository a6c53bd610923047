import { systemActor } from '../../../common/platform/audit.js';
import type { Clock } from '../../../common/platform/clock.js';
import { consumerSpec } from '../../../common/platform/events/typed.js';
import type { ConsumerSpec } from '../../../common/platform/events/transport.js';
import { personDeletedHandler } from '../../../common/domain/retention.js';
import type { HealthStatusRepository } from '../db/repository.js';
import { reevaluate, type EvaluationDeps } from './codes/evaluation.js';
import { onLegacyCodeImported } from './designations/legacy.js';
import { onPersonRegistered, onTravellerStatus } from './designations/travellers.js';
import { onGuardianshipEnded } from './paper-codes/paper-codes.service.js';

const CONSUMER = systemActor('health-status/events');

/**
 * What health-status learns from the other subgraphs, one typed handler per event: households and
 * the person registry from identity (an ended guardianship revokes that guardian's paper codes); declarations, which become day facts and re-evaluate the
 * person's code in the same transaction; partners' statements about travellers, from interop.
 */
export function healthStatusConsumerSpec(repo: HealthStatusRepository, evaluation: EvaluationDeps, clock: Clock): ConsumerSpec {
  return consumerSpec('health-status', 'health_status', {
    ...repo.accessEvents,
    // An ended guardianship also revokes the paper codes that guardian printed, in the same transaction.
    GuardianshipChanged: async (tx, g, event) => {
      await repo.accessEvents.GuardianshipChanged(tx, g, event);
      if (!g.active) await onGuardianshipEnded(repo, tx, g, clock());
    },
    // A new person is GREEN with nothing stored (see currentCodes) until a fact changes that.
    PersonRegistered: async (tx, p) => {
      await repo.persons.registerPerson(tx, p);
      await onPersonRegistered(evaluation, tx, p, clock());
    },
    DeclarationRecorded: async (tx, d) => {
      await repo.facts.applyDeclaration(tx, d);
      await reevaluate(evaluation, tx, [d.personId], clock(), CONSUMER);
    },
    TravellerStatusReceived: (tx, t) => onTravellerStatus(evaluation, tx, t, clock()),
    // A legacy vendor's RED/YELLOW (八码归一) is kept until our rules or the authority clear it.
    LegacyCodeImported: (tx, e) => onLegacyCodeImported(evaluation, tx, e, clock()),
    // A resident deleted their account: their code, facts and printed codes go; scans, designations
    // and appeals stay until their own end date (docs/retention.md).
    PersonDeleted: personDeletedHandler('health-status', repo, (personId, tx) => repo.retention.deletePerson(personId, tx)),
  });
}
