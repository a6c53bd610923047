import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { Counter, Gauge } from 'prom-client';
import { registry } from '../common/platform/metrics.js';
import type { Principal } from '../common/domain/principal.js';
import type { GatewayContext } from './context.js';
import { audienceOf } from './contracts.js';

/**
 * Identical concurrent dashboard reads answered once (issue 24), as Hive Gateway's and Apollo Router's
 * in-flight deduplication do, but only for what is safe to share: a published query flagged
 * `callerIndependent` in its manifest (an aggregate whose answer is the same for every caller who may
 * run it). Requests share an answer only when everything the answer may depend on is the same:
 *
 * - the operation (its hash) and its variables;
 * - the caller's audience (the schema contract it is validated against), kind and scopes (what edge
 *   authorization removes from the operation before it is planned).
 *
 * The caller's own identity (subject, channel user) is deliberately not in the key: an operation whose
 * answer depends on it must not be flagged. Every request still passes every stage of its own (it is
 * authenticated, limited, safelisted, validated and authorized, and counted) before it may wait for
 * another's answer; only a successful answer (no errors) is shared, and a follower of a failed
 * request runs its own. Nothing is cached: the answer is forgotten when the first request is answered.
 */

export const sharedReads = new Counter({
  name: 'hcg_gateway_shared_reads_total',
  help: 'Requests answered with the answer of an identical request in flight (caller-independent published queries)',
  labelNames: ['operation'],
  registers: [registry],
});

export const sharedReadsWaiting = new Gauge({
  name: 'hcg_gateway_shared_reads_waiting',
  help: 'Requests waiting now for the answer of an identical caller-independent request in flight',
  registers: [registry],
});

/** Which published operations may be shared: the safelists' `callerIndependent` flag, by hash. */
export interface SharedReadList {
  callerIndependent(hash: string): boolean;
}

/** The same JSON for the same value, whatever the order of an object's keys. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Everything a shared answer may depend on; two requests with one key get one answer. */
export function sharedReadKey(principal: Principal, queryHash: string, operationName: string | null | undefined, variables: unknown): string {
  const scopes = [...new Set(principal.scopes)].sort();
  return [audienceOf(principal.kind) ?? 'none', principal.kind, stableJson(scopes), queryHash, operationName ?? '', stableJson(variables ?? {})].join('\n');
}

/** The requests in flight by key: the first one runs, the others wait for its answer (JSON), or null if it failed. */
export class InFlightReads {
  private readonly pending = new Map<string, Promise<string | null>>();

  /** The answer of an identical request in flight, or undefined: then the caller runs, and must call `settle`. */
  join(key: string): Promise<string | null> | undefined {
    return this.pending.get(key);
  }

  /** Marks the caller as running `key`; the answer it settles with goes to the requests that joined meanwhile. */
  lead(key: string): (answer: string | null) => void {
    let settle!: (answer: string | null) => void;
    this.pending.set(
      key,
      new Promise<string | null>((resolve) => {
        settle = resolve;
      }),
    );
    return (answer) => {
      this.pending.delete(key);
      settle(answer);
    };
  }

  get size(): number {
    return this.pending.size;
  }
}

/** The Apollo plugin: after validation and edge authorization, before the plan is executed. */
export function sharedReadsPlugin(list: SharedReadList, inFlight = new InFlightReads()): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      let settle: ((answer: string | null) => void) | undefined;
      return {
        async responseForOperation(rc) {
          if (rc.operation?.operation !== 'query' || !rc.queryHash || !list.callerIndependent(rc.queryHash)) return null;
          const key = sharedReadKey(rc.contextValue.principal, rc.queryHash, rc.operationName, rc.request.variables);
          const running = inFlight.join(key);
          if (!running) {
            settle = inFlight.lead(key);
            return null;
          }
          sharedReadsWaiting.inc();
          const answer = await running.finally(() => sharedReadsWaiting.dec());
          if (answer === null) return null; // it failed: this request runs on its own
          sharedReads.labels(rc.operationName ?? '').inc();
          // A copy of its own: later plugins may add to the result they send.
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: JSON.parse(answer) as Record<string, unknown> } };
        },
        async willSendResponse(rc) {
          if (!settle) return;
          const { body } = rc.response;
          settle(body.kind === 'single' && !body.singleResult.errors?.length ? JSON.stringify({ data: body.singleResult.data }) : null);
          settle = undefined;
        },
      };
    },
  };
}
