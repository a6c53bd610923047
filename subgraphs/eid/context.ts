import type { Secrets } from '../../common/platform/config.js';
import type { CoreDeps, RequestContext, SubgraphContext } from '../../common/platform/define-subgraph.js';
import type { KeyRing } from '../../common/platform/keys.js';
import type { EidRepository } from './db/repository.js';

export interface EidDeps extends CoreDeps {
  repo: EidRepository;
  /** The graph's signing keys: identity codes are verifiable with the JWKS every verifier already has. */
  keys: KeyRing;
  /** `documentEncryptionKey` seals the person reference inside a token. */
  secrets: Pick<Secrets, 'documentEncryptionKey'>;
  provinceCode: string;
  /** Lifetime of an identity code: the code token's, a screenshot is as useless here. */
  tokenTtlSeconds: number;
}

/** No batching to do: a code is signed from the fields the gateway brings (`@requires`). */
export type EidLoaders = Record<string, never>;

export type EidContext = SubgraphContext<EidDeps, EidLoaders>;

export function eidLoaders(_ctx: RequestContext<EidDeps>): EidLoaders {
  return {};
}
