import type { GqlResult, TestStack } from './stack.js';

/** A basis an officer may name (issue 26): every designation carries one. */
export const TEST_BASIS = { kind: 'EPIDEMIOLOGICAL_REPORT', reference: '南疾控流调〔2026〕118号' } as const;

const APPROVE = 'mutation($id: ID, $batch: ID) { approveDesignation(designationId: $id, batchId: $batch) { approved } }';

/**
 * Designates as the demo officer (`dev-authority`, 南宁市) on `TEST_BASIS` unless the input names a
 * basis, then has a second officer (`dev-authority-reviewer`, the province) approve it, so the
 * designation is in effect when this returns, as a test before issue 26 expected of `designateRisk`
 * alone. `query` is a `designateRisk` selecting `designation { id }`, or a `designateRisks` selecting
 * `batchId`. A refused designation is returned as it is, with nothing to approve.
 */
export async function designateApproved<T = Record<string, unknown>>(t: Pick<TestStack, 'gql' | 'as'>, query: string, variables: { input: Record<string, unknown> }): Promise<GqlResult<T>> {
  const res = await t.gql<T>(t.as('dev-authority'), query, { ...variables, input: { basis: TEST_BASIS, ...variables.input } });
  if (res.errors || !res.data) return res;
  const data = res.data as { designateRisk?: { designation?: { id?: string } }; designateRisks?: { batchId?: string | null } };
  const id = data.designateRisk?.designation?.id;
  const batch = data.designateRisks?.batchId;
  if (!id && batch === undefined) throw new Error('designateApproved: select designation { id } (designateRisk) or batchId (designateRisks)');
  if (!id && batch === null) return res;
  const approved = await t.gql(t.as('dev-authority-reviewer'), APPROVE, id ? { id } : { batch });
  if (approved.errors) throw new Error(`the second officer's approval failed: ${JSON.stringify(approved.errors)}`);
  return res;
}
