import type { Principal } from '../common/domain/principal.js';

export interface GatewayContext {
  principal: Principal;
  requestId: string;
  /**
   * The signed principal header with the request's operation name (as Apollo resolved it, from the
   * document when not given): shared by every subgraph call of the request, cached per principal.
   */
  principalToken: (operation?: string | null) => string;
}
