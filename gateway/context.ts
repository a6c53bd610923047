import type { Principal } from '../common/principal.js';

export interface GatewayContext {
  principal: Principal;
  requestId: string;
  /** The signed principal header, shared by every subgraph call of the request (and cached per principal). */
  principalToken: () => string;
}
