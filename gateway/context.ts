import type { Principal } from '../common/principal.js';

export interface GatewayContext {
  principal: Principal;
  requestId: string;
  /**
   * The signed principal header, made on first use and shared by every subgraph call of the request,
   * with the request's operation name (as Apollo resolved it, from the document when not given).
   */
  principalToken: (operation?: string | null) => Promise<string>;
}
