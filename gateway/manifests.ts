import { fileURLToPath } from 'node:url';
import { DEFAULT_PERSISTED_OPERATIONS } from '../common/platform/config.js';
import { Safelist, type ListedOperation } from './safelist.js';

/** The dashboard page's operations (`npm run operations`); not configurable, the page ships with them. */
export const DASHBOARD_OPERATIONS = fileURLToPath(new URL('../schema/dashboard-operations.json', import.meta.url));
/** The verifier page's operations (`npm run operations`): all a checkpoint officer's session may run. */
export const VERIFIER_OPERATIONS = fileURLToPath(new URL('../schema/verifier-operations.json', import.meta.url));

/**
 * The published operations, loaded once: the channels' list (from the configured path,
 * `PERSISTED_OPERATIONS`) and the dashboard page's. The channel safelist, the browser sessions and
 * the plan warm-up all read this one load, so a configured path reaches every one of them.
 */
export class PublishedOperations {
  private constructor(
    readonly channel: Safelist,
    readonly dashboard: Safelist,
    readonly verifier: Safelist,
  ) {}

  /** `channelPath` is the configured channel manifest; without one (safelist off), the published default. */
  static load(channelPath: string | null = null): PublishedOperations {
    return new PublishedOperations(
      Safelist.load(channelPath ?? DEFAULT_PERSISTED_OPERATIONS),
      Safelist.load(DASHBOARD_OPERATIONS, "A dashboard session may run only the dashboard page's operations (schema/dashboard-operations.json)"),
      Safelist.load(VERIFIER_OPERATIONS, "A verifier session may run only the verifier page's operations (schema/verifier-operations.json)"),
    );
  }

  /** Whether a published operation (by hash) may share an identical request's answer (shared-reads.ts). */
  callerIndependent(hash: string): boolean {
    return this.dashboard.callerIndependent(hash) || this.channel.callerIndependent(hash);
  }

  /** Every published operation, the channels', the dashboard's then the verifier's: what the plan warm-up plans. */
  operations(): ListedOperation[] {
    return [...this.channel.operations(), ...this.dashboard.operations(), ...this.verifier.operations()];
  }
}
