import DataLoader from 'dataloader';
import type { DesignationAlertConfig, Secrets } from '../../common/platform/config.js';
import type { Logger } from '../../common/platform/logger.js';
import type { CoreDeps, RequestContext, SubgraphContext } from '../../common/platform/define-subgraph.js';
import type { EventTransport } from '../../common/platform/events/transport.js';
import type { KeyRing } from '../../common/platform/keys.js';
import { groupBy } from '../../common/platform/group.js';
import type { AppealNoteRow, AppealRow, CheckpointRow, HealthStatusRepository, PaperCodeRow, PlaceRow, RiskDesignationRow } from './db/repository.js';
import { currentCodes, type CodeView } from './modules/codes/codes.service.js';

export interface HealthStatusDeps extends CoreDeps {
  repo: HealthStatusRepository;
  events: EventTransport;
  keys: KeyRing;
  secrets: Pick<Secrets, 'documentIndexKey'>;
  provinceCode: string;
  tokenTtlSeconds: number;
  /** Days a place check-in is kept (PLACE_VISIT_RETENTION_DAYS). */
  placeVisitRetentionDays: number;
  /** Issue 26: the alert thresholds and the emergency designation's hours (configuration). */
  designationRules: { alerts: DesignationAlertConfig; emergencyHours: number };
  logger: Logger;
}

export interface HealthStatusLoaders {
  designations: DataLoader<string, RiskDesignationRow[]>;
  /** Designations by id: a reason's basis. */
  designationById: DataLoader<string, RiskDesignationRow | null>;
  codes: DataLoader<string, CodeView | null>;
  checkpoints: DataLoader<string, CheckpointRow | null>;
  appeals: DataLoader<string, AppealRow[]>;
  /** Notes by appeal id. */
  appealNotes: DataLoader<string, AppealNoteRow[]>;
  paperCodes: DataLoader<string, PaperCodeRow[]>;
  places: DataLoader<string, PlaceRow | null>;
}

export type HealthStatusContext = SubgraphContext<HealthStatusDeps, HealthStatusLoaders>;

export function healthStatusLoaders(ctx: RequestContext<HealthStatusDeps>): HealthStatusLoaders {
  const { repo } = ctx;
  return {
    // Designations, appeals and paper codes also change through events (a partner's statement, a declared
    // exposure, an ended guardianship): each read catches up first, once per request (fresh is memoised).
    designations: new DataLoader(async (ids) => (await ctx.fresh(), groupBy(ids, await repo.designations.designationsOf(ids), (r) => r.personId))),
    // A declaration made a moment ago in another subgraph shows in the code it changed.
    codes: new DataLoader(async (ids) => (await ctx.fresh(), currentCodes(ctx, ids))),
    designationById: new DataLoader(async (ids) => {
      const rows = new Map((await repo.designations.designationsByIds(ids)).map((r) => [r.id, r]));
      return ids.map((id) => rows.get(id) ?? null);
    }),
    checkpoints: new DataLoader(async (ids) => {
      const rows = new Map((await repo.checkpoints.checkpointsByIds(ids)).map((r) => [r.id, r]));
      return ids.map((id) => rows.get(id) ?? null);
    }),
    appeals: new DataLoader(async (ids) => (await ctx.fresh(), groupBy(ids, await repo.appeals.appealsOf(ids), (r) => r.personId))),
    appealNotes: new DataLoader(async (ids) => groupBy(ids, await repo.appeals.notesOf(ids), (r) => r.appealId)),
    paperCodes: new DataLoader(async (ids) => (await ctx.fresh(), groupBy(ids, await repo.paperCodes.paperCodesOf(ids), (r) => r.personId))),
    places: new DataLoader(async (ids) => {
      const rows = new Map((await repo.places.placesByIds(ids)).map((r) => [r.id, r]));
      return ids.map((id) => rows.get(id) ?? null);
    }),
  };
}
