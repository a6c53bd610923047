import { ForbiddenError } from '../../common/platform/errors.js';
import type { Principal } from '../../common/domain/principal.js';
import type { PublishedOperations } from '../manifests.js';
import type { Safelist, RequestParams } from '../safelist.js';

/**
 * What a browser session may run: a resident's H5 session the channel safelist, an official's
 * dashboard session the dashboard page's operations, a checkpoint officer's verifier session the
 * verifier page's (`verifyCode`, `recordRoadCheck` and its own checkpoint); in every environment, since a session is a
 * browser and a browser runs only our pages. The pages send a document's hash alone (codegen's
 * persisted documents); {@link expand} fills in its text from the list before Apollo sees it.
 */
export class SessionSafelists {
  private constructor(
    private readonly channel: Safelist,
    private readonly dashboard: Safelist,
    private readonly verifier: Safelist,
  ) {}

  /** The same lists the channel safelist and the plan warm-up read (gateway/manifests.ts). */
  static of(published: PublishedOperations): SessionSafelists {
    return new SessionSafelists(published.channel, published.dashboard, published.verifier);
  }

  private listFor(principal: Principal): Safelist {
    if (principal.kind === 'channel') return this.channel;
    if (principal.kind === 'dashboard' || principal.kind === 'authority') return this.dashboard;
    if (principal.kind === 'checkpoint') return this.verifier;
    throw new ForbiddenError('This session may not call the graph', { reason: 'OPERATION_NOT_SAFELISTED' });
  }

  assertListed(principal: Principal, params: RequestParams | undefined): void {
    this.listFor(principal).assertListed(params);
  }

  /** Adds the listed text to a hash-only request (any page's), so it runs whatever Apollo's own cache holds. */
  expand(params: RequestParams & { extensions?: { persistedQuery?: { sha256Hash?: unknown } } }): void {
    const hash = params.extensions?.persistedQuery?.sha256Hash;
    if (typeof params.query === 'string' || typeof hash !== 'string') return;
    const body = this.channel.body(hash) ?? this.dashboard.body(hash) ?? this.verifier.body(hash);
    if (body) params.query = body;
  }
}
