import { createHash } from 'node:crypto';
import { operationFromDocument, type Schema } from '@apollo/federation-internals';
import type { ApolloGateway } from '@apollo/gateway';
import { parse } from 'graphql';
import type { ListedOperation } from './safelist.js';

/**
 * What `ApolloGateway.executor` uses to plan, which the package does not export: its plan cache, its
 * planner, the API schema and the two planner limits it passes. Read once after `load()`; the test
 * beside this file fails if an upgrade renames any of them (the first request would plan again).
 */
interface PlanningInternals {
  queryPlanStore: { set(key: string, plan: unknown): Promise<void> };
  queryPlanner: { buildQueryPlan(operation: unknown, options: object): unknown };
  apiSchema: Schema;
  recursiveSelectionsLimitDisabled?: boolean;
  nonLocalSelectionsLimitDisabled?: boolean;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Plans every safelisted operation before the first request: the gateway's executor keys a plan by
 * the sha-256 of the query text, and of that hash and the operation name when a client names it,
 * so both keys are stored. Answers how many operations were planned.
 */
export async function warmQueryPlans(gateway: ApolloGateway, operations: readonly ListedOperation[]): Promise<number> {
  // Private members of ApolloGateway (see PlanningInternals): no public API plans without executing.
  const internals = gateway as unknown as PlanningInternals;
  if (!internals.queryPlanStore || !internals.queryPlanner || !internals.apiSchema) throw new Error('ApolloGateway is not loaded, or its planning internals moved');
  let planned = 0;
  for (const op of new Map(operations.map((o) => [o.body, o])).values()) {
    const document = parse(op.body);
    const names = document.definitions.flatMap((d) => (d.kind === 'OperationDefinition' && d.name ? [d.name.value] : []));
    const queryHash = sha256(op.body);
    for (const operationName of names.length === 1 ? [undefined, names[0]!] : names) {
      const operation = operationFromDocument(internals.apiSchema, document, { operationName });
      const plan = internals.queryPlanner.buildQueryPlan(operation, {
        recursiveSelectionsLimitDisabled: internals.recursiveSelectionsLimitDisabled,
        nonLocalSelectionsLimitDisabled: internals.nonLocalSelectionsLimitDisabled,
      });
      const key = operationName ? createHash('sha256').update(queryHash).update(operationName).digest('hex') : queryHash;
      await internals.queryPlanStore.set(key, plan);
    }
    planned++;
  }
  return planned;
}
