import { render } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { csrfToken, logout, request, RequestError, sessionGone } from '../shared/client.js';
import { KeySignIn, signInText } from '../shared/key-sign-in.js';
import { useLang, type Lang } from '../shared/lang.js';
import { VerifierCheckpointDocument, VerifierRoadCheckDocument, VerifierVerifyDocument } from './gql/graphql.js';
import { L } from './messages.js';
import { cacheTooOld, countVerdicts, groupSummary, verifyOffline, type Color, type KeyCache, type OfflineVerdict } from './offline.js';
import { Scanner } from './scanner.js';
import { dequeue, enqueue, loadKeys, queued, saveKeys, type Queued, type QueuedPassenger } from './store.js';
import './style.css';

/**
 * The checkpoint verifier (/verifier/, docs/pages.md): an installable page a checkpoint officer opens
 * on any phone. Online it asks `verifyCode`; offline it verifies against the cached keys and
 * revocation lists and queues the scan, each with an id fixed here, to be sent when the network returns.
 */

/** What the page keeps about its checkpoint between visits (never the key). */
interface Setup {
  issuer: string;
  maxCacheAgeHours: number;
  checkpoint: { name: string; kind: string };
}
const SETUP = 'hcg-verifier';
const loadSetup = (): Setup | null => {
  try {
    return JSON.parse(localStorage.getItem(SETUP) ?? 'null') as Setup | null;
  } catch {
    return null;
  }
};

interface Verdict {
  pass: boolean;
  reason: string | null;
  color: Color | null;
  paper: boolean;
  maskedName?: string | null;
  source: 'online' | 'offline';
}

/** Keys and each key's revocation list, fetched together and stamped with the phone's time. */
async function fetchKeys(): Promise<KeyCache> {
  const jwks = (await (await fetch('/.well-known/jwks.json', { cache: 'no-cache' })).json()) as { keys: (JsonWebKey & { kid: string })[] };
  const revoked: Record<string, string[]> = {};
  for (const k of jwks.keys) {
    const res = await fetch(`/.well-known/revocations/${encodeURIComponent(k.kid)}.json`, { cache: 'no-cache' });
    if (!res.ok) throw new Error(`revocation list ${res.status}`);
    revoked[k.kid] = ((await res.json()) as { rids: string[] }).rids;
  }
  return { keys: jwks.keys, revoked, fetchedAt: Date.now() };
}

const offlineError = (err: unknown) => err instanceof RequestError && err.code === 'NETWORK';

function age(ms: number, lang: Lang): string {
  const min = Math.max(0, Math.floor(ms / 60_000));
  if (min < 60) return lang === 'zh' ? `${min} 分钟` : `${min} min`;
  const h = Math.floor(min / 60);
  return lang === 'zh' ? `${h} 小时 ${min % 60} 分钟` : `${h} h ${min % 60} min`;
}

function parseTemperature(text: string): number | null | 'bad' {
  if (!text.trim()) return null;
  const t = Number(text);
  return Number.isFinite(t) && t >= 30 && t <= 45 ? t : 'bad';
}

function VerdictCard({ verdict, lang }: { verdict: Verdict; lang: Lang }) {
  return (
    <section class={`card verdict ${verdict.pass ? 'pass' : 'stop'}`} role="status" aria-live="assertive" data-testid="verdict" data-pass={String(verdict.pass)} data-reason={verdict.reason ?? ''} data-source={verdict.source}>
      <p class="big">{verdict.pass ? `✓ ${L.pass[lang]}` : `✕ ${L.stop[lang]}`}</p>
      <p class="colour" data-color={verdict.color ?? ''}>
        {verdict.color ? L[verdict.color][lang] : L.noColor[lang]}
        {verdict.paper && ` · ${L.paper[lang]}`}
      </p>
      {verdict.reason && <p>{L.reason[verdict.reason]?.[lang] ?? verdict.reason}</p>}
      {verdict.maskedName && <p class="holder">{verdict.maskedName}</p>}
      <p class="muted small">{verdict.source === 'online' ? L.onlineVerdict[lang] : L.offlineVerdict[lang]}</p>
    </section>
  );
}

interface Member extends QueuedPassenger {
  verdict: OfflineVerdict;
}

function Verifier({ lang, setup, onSessionGone }: { lang: Lang; setup: Setup; onSessionGone: () => void }) {
  const [online, setOnline] = useState(navigator.onLine);
  const [keys, setKeys] = useState<KeyCache | null>(null);
  const [queueSize, setQueueSize] = useState(0);
  const [syncNote, setSyncNote] = useState<string>();
  const [temperature, setTemperature] = useState('');
  const [mode, setMode] = useState<'single' | 'road'>('single');
  const [verdict, setVerdict] = useState<Verdict>();
  const [members, setMembers] = useState<Member[]>([]);
  const [plate, setPlate] = useState('');
  const [car, setCar] = useState<{ line: string; pass: boolean; queued: boolean }>();
  const [error, setError] = useState<string>();
  const [, setTick] = useState(0);
  const syncing = useRef(false);
  const maxAgeMs = setup.maxCacheAgeHours * 3600_000;

  const countQueue = async () => setQueueSize((await queued()).length);

  const refreshKeys = useCallback(async () => {
    try {
      const fresh = await fetchKeys();
      await saveKeys(fresh);
      setKeys(fresh);
    } catch {
      // Offline, or the lists unavailable: the cache stays, and says how old it is.
    }
  }, []);

  /** Sends the queue in order, each item once; stops at the first network failure and tries again later. */
  const sync = useCallback(async () => {
    if (syncing.current) return;
    syncing.current = true;
    let sent = 0;
    let rejected = 0;
    try {
      for (const { key, item } of await queued()) {
        try {
          if (item.kind === 'scan') {
            await request(VerifierVerifyDocument, { input: { token: item.token, temperature: item.temperature, scanId: item.id, scannedAt: item.scannedAt } });
          } else {
            await request(VerifierRoadCheckDocument, { input: { id: item.id, plate: item.plate, scannedAt: item.scannedAt, passengers: item.passengers } });
          }
          sent++;
        } catch (err) {
          if (sessionGone(err)) onSessionGone();
          if (!(err instanceof RequestError) || err.code !== 'BAD_USER_INPUT') break;
          // The server will never take it (an implausible scan time): dropped, and said so.
          rejected++;
        }
        await dequeue(key);
      }
    } finally {
      syncing.current = false;
      await countQueue();
    }
    if (sent || rejected) setSyncNote(`${L.synced[lang]} ${sent}${rejected ? ` · ${rejected} ${L.rejected[lang]}` : ''}`);
  }, [lang, onSessionGone]);

  useEffect(() => {
    void loadKeys().then(setKeys);
    void countQueue();
    if (navigator.onLine) void refreshKeys().then(sync);
    const up = () => {
      setOnline(true);
      void refreshKeys().then(sync);
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    const every = window.setInterval(() => setTick((n) => n + 1), 30_000);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
      window.clearInterval(every);
    };
  }, []);

  const queue = async (item: Queued) => {
    await enqueue(item);
    await countQueue();
  };

  const onCode = async (token: string) => {
    setError(undefined);
    setCar(undefined);
    setVerdict(undefined);
    const t = parseTemperature(temperature);
    if (t === 'bad') {
      setError(L.badTemperature[lang]);
      return;
    }
    const scanId = crypto.randomUUID();
    const scannedAt = new Date().toISOString();
    const local = () => verifyOffline(token, keys, { issuer: setup.issuer, now: Date.now(), maxAgeMs, temperature: t });
    if (mode === 'road') {
      const v = await local();
      setMembers((m) => [...m, { scanId, token, temperature: t, verdict: v }]);
      setVerdict({ ...v, source: 'offline' });
      setTemperature('');
      return;
    }
    if (navigator.onLine) {
      try {
        const r = (await request(VerifierVerifyDocument, { input: { token, temperature: t, scanId } })).verifyCode;
        setVerdict({ pass: r.pass, reason: r.reason, color: r.color, paper: r.paper, maskedName: r.person?.maskedName, source: 'online' });
        setTemperature('');
        return;
      } catch (err) {
        if (sessionGone(err)) onSessionGone();
        if (!offlineError(err) && !sessionGone(err)) {
          setError(err instanceof Error ? err.message : String(err));
          return;
        }
      }
    }
    const v = await local();
    setVerdict({ ...v, source: 'offline' });
    setTemperature('');
    // A scan that could not be verified for want of fresh keys is not a scan: nothing to record.
    if (v.reason !== 'STALE_KEYS') await queue({ kind: 'scan', id: scanId, token, temperature: t, scannedAt });
  };

  const finishCar = async () => {
    if (!members.length) return;
    const id = crypto.randomUUID();
    const scannedAt = new Date().toISOString();
    const passengers = members.map(({ scanId, token, temperature: t }) => ({ scanId, token, temperature: t }));
    const item: Queued = { kind: 'road', id, plate: plate.trim() || null, scannedAt, passengers };
    let done: { line: string; pass: boolean; queued: boolean } | undefined;
    if (navigator.onLine) {
      try {
        const r = (await request(VerifierRoadCheckDocument, { input: { id, plate: item.plate, scannedAt, passengers } })).recordRoadCheck;
        done = { line: groupSummary(r, lang), pass: r.pass, queued: false };
      } catch (err) {
        if (sessionGone(err)) onSessionGone();
        if (!offlineError(err) && !sessionGone(err)) {
          setError(err instanceof Error ? err.message : String(err));
          return;
        }
      }
    }
    if (!done) {
      await queue(item);
      done = { line: groupSummary(countVerdicts(members.map((m) => m.verdict)), lang), pass: members.every((m) => m.verdict.pass), queued: true };
    }
    setCar(done);
    setMembers([]);
    setPlate('');
    setVerdict(undefined);
  };

  const now = Date.now();
  const stale = cacheTooOld(keys, now, maxAgeMs);
  const road = setup.checkpoint.kind === 'ROAD_CHECKPOINT';
  const running = countVerdicts(members.map((m) => m.verdict));
  return (
    <>
      <section class="card status" aria-label={setup.checkpoint.name}>
        <h2>{setup.checkpoint.name}</h2>
        <p>
          <span class={online ? 'dot on' : 'dot off'} aria-hidden="true" /> <span data-testid="network">{online ? L.online[lang] : L.offline[lang]}</span>
        </p>
        <p data-testid="keys-age" data-stale={String(stale)} class={stale ? 'error' : ''}>
          {L.keysAge[lang]}: {keys ? `${age(now - keys.fetchedAt, lang)}${L.ago[lang]}` : L.never[lang]}
          {stale && ` · ${L.keysStale[lang]}`}
        </p>
        <p>
          {L.queued[lang]}: <strong data-testid="queue-size">{queueSize}</strong>
          {syncNote && <span class="muted" data-testid="sync-note"> · {syncNote}</span>}
        </p>
        <div class="row">
          <button type="button" class="secondary" disabled={!online} onClick={() => void refreshKeys()}>{L.refresh[lang]}</button>
          <button type="button" class="secondary" disabled={!online || !queueSize} onClick={() => void sync()} data-testid="sync">{L.sync[lang]}</button>
        </div>
      </section>

      {road && (
        <fieldset class="card mode">
          <legend>{L.mode[lang]}</legend>
          {(['single', 'road'] as const).map((m) => (
            <label key={m} class="inline">
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} /> {L[m][lang]}
            </label>
          ))}
        </fieldset>
      )}

      <section class="card">
        <label>
          {L.temperature[lang]}
          <input name="temperature" type="number" inputMode="decimal" step="0.1" min="30" max="45" value={temperature} onInput={(e) => setTemperature(e.currentTarget.value)} />
        </label>
      </section>

      <Scanner lang={lang} onCode={(text) => void onCode(text)} />
      {error && <p class="card error" role="alert">{error}</p>}
      {verdict && <VerdictCard verdict={verdict} lang={lang} />}

      {mode === 'road' && (
        <section class="card car" aria-labelledby="car-title">
          <h2 id="car-title">{L.passengers[lang]}</h2>
          <p class="summary" data-testid="car-running">{members.length ? groupSummary(running, lang) : L.emptyCar[lang]}</p>
          <ol>
            {members.map((m) => (
              <li key={m.scanId} data-color={m.verdict.color ?? ''}>
                {m.verdict.color ? L[m.verdict.color][lang] : L.noColor[lang]} · {m.verdict.pass ? L.pass[lang] : L.stop[lang]}
                {m.verdict.reason && ` (${L.reason[m.verdict.reason]?.[lang] ?? m.verdict.reason})`}
              </li>
            ))}
          </ol>
          <label>
            {L.plate[lang]}
            <input name="plate" autoComplete="off" maxLength={16} value={plate} onInput={(e) => setPlate(e.currentTarget.value)} />
          </label>
          <button type="button" disabled={!members.length} onClick={() => void finishCar()}>{L.finishCar[lang]}</button>
        </section>
      )}
      {car && (
        <section class={`card verdict ${car.pass ? 'pass' : 'stop'}`} role="status" data-testid="car-summary" data-pass={String(car.pass)}>
          <p class="big">{car.line}</p>
          <p>{car.pass ? L.carPass[lang] : L.carStop[lang]}</p>
          <p class="muted small">{car.queued ? L.carQueued[lang] : L.carRecorded[lang]}</p>
        </section>
      )}
    </>
  );
}

function SignIn({ lang, onSignedIn }: { lang: Lang; onSignedIn: (s: Setup) => void }) {
  return (
    <KeySignIn
      endpoint="/verifier/session"
      text={signInText(L, lang)}
      onSignedIn={async (res) => {
        const { issuer, maxCacheAgeHours } = (await res.json()) as { issuer: string; maxCacheAgeHours: number };
        const { myCheckpoint } = await request(VerifierCheckpointDocument, {});
        const setup: Setup = { issuer, maxCacheAgeHours, checkpoint: { name: myCheckpoint.name, kind: myCheckpoint.kind } };
        localStorage.setItem(SETUP, JSON.stringify(setup));
        onSignedIn(setup);
      }}
    />
  );
}

function App() {
  const [lang, setLang] = useLang();
  const [setup, setSetup] = useState<Setup | null | undefined>(undefined);
  useEffect(() => {
    const kept = loadSetup();
    // Offline, the page trusts what it kept; online it asks whether the session still stands.
    if (!navigator.onLine) return setSetup(kept);
    fetch('/sessions/current', { headers: { 'x-hcg-csrf': csrfToken() } }).then(
      (r) => setSetup(r.ok ? kept : null),
      () => setSetup(kept),
    );
  }, []);
  useEffect(() => {
    if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/verifier/sw.js', { scope: '/verifier/' }).catch(() => undefined);
  }, []);
  const signOut = async () => {
    if ((await queued()).length) return window.alert(L.syncFirst[lang]);
    await logout();
    localStorage.removeItem(SETUP);
    setSetup(null);
  };
  return (
    <>
      <header class="bar">
        <h1>{L.title[lang]}</h1>
        <div>
          <button type="button" class="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{L.langSwitch[lang]}</button>
          {setup && <button type="button" class="link" onClick={() => void signOut()}>{L.signOut[lang]}</button>}
        </div>
      </header>
      <main>
        {setup === null && <SignIn lang={lang} onSignedIn={setSetup} />}
        {setup && <Verifier lang={lang} setup={setup} onSessionGone={() => setSetup(null)} />}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
