/**
 * The pages' GraphQL client: a typed document (graphql-codegen client preset) goes out as its hash
 * alone, Apollo's persisted-query way; the gateway runs it only if it is on the page's safelist.
 * The session is an HttpOnly cookie the page never sees; the CSRF token from its companion cookie
 * is echoed in a header, which a page on another site cannot do.
 */
export interface TypedDocument<TResult, TVariables> {
  __apiType?: (variables: TVariables) => TResult;
  __meta__?: Record<string, unknown>;
}

export interface GraphQLErrorEntry {
  message: string;
  extensions?: { code?: string; reason?: string; field?: string; [k: string]: unknown };
}

export class RequestError extends Error {
  constructor(readonly errors: GraphQLErrorEntry[]) {
    super(errors[0]?.message ?? 'request failed');
  }
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

/**
 * Whether a refusal means the page's session is gone: ended, expired, never opened, or its channel
 * or key no longer standing (UNAUTHENTICATED, whatever the reason), or its CSRF token lost with its
 * cookies. Nothing the page does can bring it back; only the app (or, on the dashboard, a key) can.
 */
export function sessionGone(err: unknown): boolean {
  return err instanceof RequestError && (err.code === 'UNAUTHENTICATED' || err.errors[0]?.extensions?.reason === 'CSRF_TOKEN_MISMATCH');
}

const lostListeners = new Set<() => void>();

/**
 * Calls `listener` the moment any request answers that the session is gone, whichever part of the page
 * sent it, so the page can take down what it can no longer refresh (the H5 page's code). Returns the
 * unsubscribe function (a hook's cleanup).
 */
export function onSessionLost(listener: () => void): () => void {
  lostListeners.add(listener);
  return () => lostListeners.delete(listener);
}

export function csrfToken(): string {
  const m = /(?:^|;\s*)hcg_csrf=([^;]+)/.exec(document.cookie);
  return m ? decodeURIComponent(m[1]!) : '';
}

export async function request<TResult, TVariables>(document: TypedDocument<TResult, TVariables>, variables?: TVariables): Promise<TResult> {
  const hash = String(document.__meta__?.hash ?? '').replace(/^sha256:/, '');
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-hcg-csrf': csrfToken() },
      body: JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
    });
  } catch {
    throw new RequestError([{ message: 'network', extensions: { code: 'NETWORK' } }]);
  }
  const body = (await res.json().catch(() => ({}))) as { data?: TResult; errors?: GraphQLErrorEntry[] };
  if (body.errors?.length) {
    const err = new RequestError(body.errors);
    if (sessionGone(err)) for (const listener of lostListeners) listener();
    throw err;
  }
  if (!body.data) throw new RequestError([{ message: `HTTP ${res.status}`, extensions: { code: 'NETWORK' } }]);
  return body.data;
}

export async function logout(): Promise<void> {
  await fetch('/sessions/logout', { method: 'POST', credentials: 'same-origin', headers: { 'x-hcg-csrf': csrfToken() } });
}
