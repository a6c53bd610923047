import { render } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { logout, onSessionLost, request, RequestError } from '../shared/client.js';
import { useLang } from '../shared/lang.js';
import { AccessLog } from './access-log.js';
import { CodeTabs } from './code-tabs.js';
import { Channels } from './channels.js';
import { DeclarationForm } from './declaration.js';
import { H5HomeDocument } from './gql/graphql.js';
import { useElderMode } from './elder.js';
import { Household } from './household.js';
import { UI } from './messages.js';
import { Name } from './name.js';
import { errorText, tokenLifetime, type Me, type Shown } from './page.js';
import { PaperCodes } from './paper.js';
import { PlaceCheckIn, placeTokenOf } from './place.js';
import { Reasons } from './reasons.js';
import { SessionLost } from './session-lost.js';
import './style.css';

function App() {
  const [lang, setLang] = useLang();
  const [elder, setElder] = useElderMode();
  useEffect(() => {
    document.title = UI.title[lang];
  }, [lang]);
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [ended, setEnded] = useState(false);
  // A place QR opens the page at `/h5/#place=<token>`: the check-in panel starts with that token.
  const [placeToken, setPlaceToken] = useState(() => placeTokenOf(location.hash));
  // Or scanned while the page is open (a channel's scanner sets the hash).
  useEffect(() => {
    const onHash = () => {
      const token = placeTokenOf(location.hash);
      if (token) setPlaceToken(token);
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  // Any request of the page (the code's refresh, a declaration, the household...) may be the first to hear it.
  const [lost, setLost] = useState(false);
  useEffect(() => onSessionLost(() => setLost(true)), []);

  const load = useCallback(async () => {
    try {
      const data = await request(H5HomeDocument);
      setMe(data.me);
      setError(null);
    } catch (err) {
      // An ended session must not leave a stale code on screen: its QR would soon stop passing.
      if (err instanceof RequestError && (err.code === 'UNAUTHENTICATED' || err.code === 'FORBIDDEN')) setMe(undefined);
      setError(err);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  // A fresh token well before the old one expires (at 70% of its life), without a reload.
  useEffect(() => {
    if (!me || lost) return undefined;
    // No code (its subgraph unreachable for a moment): try again soon rather than at a token's pace.
    const timer = setTimeout(() => void load(), me.healthCode ? tokenLifetime(me.healthCode.token) * 700 : 5000);
    return () => clearTimeout(timer);
  }, [me, lost, load]);

  // Used once: the hash goes, so a reload does not check in again.
  const placeTokenUsed = useCallback(() => {
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  }, []);

  const shown: Shown | undefined = !me
    ? undefined
    : selected && selected !== me.id
      ? (() => {
          const d = me.dependents.find((x) => x.id === selected);
          return d ? { ...d, self: false } : { ...me, self: true };
        })()
      : { ...me, self: true };

  const header = (
    <header class="bar">
      <h1>{UI.title[lang]}</h1>
      <div class="bar-actions">
        <button type="button" class="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} lang={lang === 'zh' ? 'en' : 'zh-CN'}>
          {UI.langSwitch[lang]}
        </button>
        {/* A toggle: aria-pressed for a screen reader, a tick for the eye (never colour alone). */}
        <button type="button" class="link" data-testid="elder-switch" aria-pressed={elder} onClick={() => setElder(!elder)}>
          {elder && <span aria-hidden="true">✓ </span>}
          {UI.elder[lang]}
        </button>
      </div>
    </header>
  );
  // Signing out sits at the foot of the page: the header keeps one line at 390 px in English too.
  const footer = (
    <footer class="foot">
      <button
        type="button"
        class="link"
        onClick={async () => {
          await logout();
          setEnded(true);
        }}
      >
        {UI.logout[lang]}
      </button>
    </footer>
  );

  if (ended) return <>{header}<main><p class="notice">{UI.ended[lang]}</p></main></>;
  if (lost) return <SessionLost />;
  if (error && !me) return <>{header}<main><p class="notice error" role="alert">{errorText(error, lang)}</p></main>{footer}</>;
  if (me === undefined) return <>{header}<main><p class="notice">{UI.loading[lang]}</p></main>{footer}</>;
  if (me === null || !shown) return <>{header}<main><p class="notice">{UI.notRegistered[lang]}</p></main>{footer}</>;

  const rest = (
    <>
      <Reasons person={shown} lang={lang} />
      <DeclarationForm key={shown.id} personId={shown.id} lang={lang} onDeclared={load} />
      {shown.self ? <Household me={me} lang={lang} onChanged={load} onShow={setSelected} /> : <PaperCodes key={shown.id} person={shown} lang={lang} />}
      <AccessLog key={`log-${shown.id}`} person={shown} lang={lang} />
      {!placeToken && <PlaceCheckIn key={`place-${shown.id}`} person={shown} lang={lang} initialToken={null} onTokenUsed={placeTokenUsed} />}
      {shown.self && <Channels lang={lang} />}
    </>
  );

  return (
    <>
      {header}
      <main>
        {me.dependents.length > 0 && (
          <nav class="people" aria-label={UI.household[lang]}>
            {/* Full names: the guardian's own household (identity's displayName), so two children of one surname differ. */}
            {[{ id: me.id, self: true, name: me.displayName }, ...me.dependents.map((d) => ({ id: d.id, self: false, name: d.displayName }))].map((p) => (
              <button type="button" key={p.id} class={p.id === shown.id ? 'chip on' : 'chip'} aria-pressed={p.id === shown.id} data-person={p.id} onClick={() => setSelected(p.id)}>
                {p.self && `${UI.self[lang]} · `}
                <Name text={p.name} />
              </button>
            ))}
          </nav>
        )}
        {placeToken && <PlaceCheckIn key={`place-${shown.id}-${placeToken}`} person={shown} lang={lang} initialToken={placeToken} onTokenUsed={placeTokenUsed} />}
        <CodeTabs person={shown} lang={lang} />
        {elder ? (
          // 长辈模式: the code and its colour alone on the first screen, everything else one tap away.
          <details class="card elder-more" data-testid="elder-more">
            <summary>{UI.elderMore[lang]}</summary>
            {rest}
          </details>
        ) : (
          rest
        )}
      </main>
      {footer}
    </>
  );
}

render(<App />, document.getElementById('app')!);
