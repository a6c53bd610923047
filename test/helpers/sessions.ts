import { readFileSync } from 'node:fs';
import { CREDENTIALS_CHANNEL } from '../../common/platform/api-keys.js';
import { createLogger } from '../../common/platform/logger.js';
import { startGateway, type RunningGateway } from '../../gateway/index.js';
import type { Caller, GqlResult, TestStack } from './stack.js';

/** A browser's session as a test holds it: the cookie header it would send and the CSRF token it echoes. */
export interface BrowserSession {
  cookie: string;
  csrf: string;
}

const manifest = (file: string): Map<string, string> =>
  new Map(
    (JSON.parse(readFileSync(new URL(`../../schema/${file}`, import.meta.url), 'utf8')) as { operations: { id: string; name: string }[] }).operations.map((o) => [o.name, o.id]),
  );
/** The pages' published operations by name: a session runs nothing else. */
const OPERATIONS = new Map([...manifest('persisted-operations.json'), ...manifest('dashboard-operations.json')]);

function sessionOf(res: Response): BrowserSession | undefined {
  const cookies = new Map(res.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=') as [string, string]));
  const id = cookies.get('hcg_session');
  const csrf = cookies.get('hcg_csrf');
  return id && csrf ? { cookie: `hcg_session=${id}; hcg_csrf=${csrf}`, csrf } : undefined;
}

/** What a channel's backend does: its key and user in, a one-time launch path out. */
export async function launchPath(gatewayUrl: string, caller: Caller): Promise<string> {
  const res = await fetch(new URL('/h5/sessions', gatewayUrl), { method: 'POST', headers: { 'x-api-key': caller.key!, 'x-channel-user': caller.channelUser! } });
  if (res.status !== 200) throw new Error(`POST /h5/sessions answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { launchPath: string }).launchPath;
}

/** Opens a launch path as the resident's browser would: the page's status, its data-reason, and the session if one was opened. */
export async function redeem(gatewayUrl: string, path: string): Promise<{ status: number; reason?: string; session?: BrowserSession }> {
  const res = await fetch(new URL(path, gatewayUrl), { redirect: 'manual' });
  const reason = /data-reason="([A-Z_]+)"/.exec(await res.text())?.[1];
  return { status: res.status, ...(reason ? { reason } : {}), ...(sessionOf(res) ? { session: sessionOf(res) } : {}) };
}

/** An H5 session for a channel user: launch URL, then the browser's redemption. */
export async function h5Session(gatewayUrl: string, caller: Caller): Promise<BrowserSession> {
  const opened = await redeem(gatewayUrl, await launchPath(gatewayUrl, caller));
  if (!opened.session) throw new Error(`the launch link answered ${opened.status} ${opened.reason}`);
  return opened.session;
}

/** A dashboard session from a pasted key. */
export async function dashboardSession(gatewayUrl: string, key: string): Promise<BrowserSession> {
  const res = await fetch(new URL('/dashboard/session', gatewayUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key }) });
  const session = sessionOf(res);
  if (!session) throw new Error(`POST /dashboard/session answered ${res.status}: ${await res.text()}`);
  return session;
}

/** Runs one of the pages' published operations by its hash alone, as the pages do, with the session's cookie. */
export async function pageOperation<T = Record<string, unknown>>(gatewayUrl: string, session: BrowserSession, name: string, variables?: Record<string, unknown>): Promise<GqlResult<T>> {
  const sha256Hash = OPERATIONS.get(name);
  if (!sha256Hash) throw new Error(`no published operation ${name}`);
  const res = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-hcg-csrf': session.csrf },
    body: JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
  });
  return { status: res.status, ...((await res.json()) as Omit<GqlResult<T>, 'status'>) };
}

/**
 * A second gateway on the test stack's database, subgraphs, clock and LISTEN connection: another
 * instance (or worker) that hears of credential changes only through NOTIFY, never through its own
 * operator requests.
 */
export function startSecondGateway(t: TestStack): Promise<RunningGateway> {
  const subgraphUrls = Object.fromEntries(Object.entries(t.stack.subgraphs).map(([n, s]) => [n, s.url]));
  return startGateway({ config: t.config, db: t.stack.db.gateway.db, logger: createLogger('silent'), port: 0, subgraphUrls, clock: t.clock.now, connection: t.database.connection });
}

/**
 * The next credentials signal (NOTIFY on the channel every gateway LISTENs on), or a failure after
 * `withinMs`. Listeners run in the order they subscribed, so once this resolves every gateway started
 * before the call has dropped its caches.
 */
export async function nextCredentialsSignal(t: TestStack, withinMs = 1000): Promise<() => Promise<string>> {
  let heard: (payload: string) => void = () => undefined;
  const signal = new Promise<string>((resolve) => (heard = resolve));
  const unlisten = await t.database.connection.listen(CREDENTIALS_CHANNEL, (payload) => heard(payload));
  return async () => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no credentials signal within ${withinMs} ms`)), withinMs)));
    try {
      return await Promise.race([signal, late]);
    } finally {
      clearTimeout(timer);
      await unlisten();
    }
  };
}
