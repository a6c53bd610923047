import { useCallback, useState } from 'preact/hooks';
import { request } from '../shared/client.js';
import type { Lang } from '../shared/lang.js';
import { Clock } from './code-card.js';
import { CheckInAtPlaceDocument, MyPlaceVisitsDocument, type CheckInAtPlaceMutation, type MyPlaceVisitsQuery } from './gql/graphql.js';
import { COLOR, COLOR_HINT, fill, UI } from './messages.js';
import { errorText, type Shown } from './page.js';
import { fillNode, Name } from './name.js';

type CheckIn = CheckInAtPlaceMutation['checkInAtPlace'];
type Visit = NonNullable<MyPlaceVisitsQuery['person']>['placeVisits'][number];

/**
 * The place token in what a place QR encodes: `<origin>/h5/#place=<token>`, or the bare token. The
 * page is opened at that URL by the phone's scanner, or the resident pastes what their scanner read.
 */
export function placeTokenOf(text: string): string | null {
  const s = text.trim();
  const m = /[#&?]place=([A-Za-z0-9_.-]+)/.exec(s);
  const token = m ? m[1]! : s;
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token) ? token : null;
}

/** The place's name as the code says it, before the server confirms it (shown on the confirm button only). */
function claimedName(token: string): string | undefined {
  try {
    const bytes = Uint8Array.from(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as { name?: unknown };
    return typeof claims.name === 'string' ? claims.name : undefined;
  } catch {
    return undefined;
  }
}

/** The full-screen card the shop owner glances at: the colour (as words too), the place, the person, a live clock. */
function CheckInCard({ checkIn, person, lang, onClose }: { checkIn: CheckIn; person: Shown; lang: Lang; onClose: () => void }) {
  const color = checkIn.color.toLowerCase();
  return (
    <div class={`place-card ${color}`} role="dialog" aria-modal="true" aria-labelledby="place-colour" data-testid="place-card" data-color={checkIn.color}>
      <p class="place-name" data-testid="place-name">{checkIn.place.name}</p>
      <p class="place-ok">{UI.placeCheckedIn[lang]}</p>
      <p class="name"><Name text={person.maskedName} /></p>
      <h2 id="place-colour" class="colour">{COLOR[checkIn.color]?.[lang]}</h2>
      <p class="hint">{COLOR_HINT[checkIn.color]?.[lang]}</p>
      <Clock />
      <button type="button" class="secondary" onClick={onClose}>{UI.placeDone[lang]}</button>
    </div>
  );
}

/**
 * 扫场所码: check in the shown person (the resident or the household member selected above) at a
 * place whose code was scanned, then show the card full-screen; and the person's recent visits.
 */
export function PlaceCheckIn({ person, lang, initialToken, onTokenUsed }: { person: Shown; lang: Lang; initialToken: string | null; onTokenUsed: () => void }) {
  const [text, setText] = useState(initialToken ? `#place=${initialToken}` : '');
  const [checkIn, setCheckIn] = useState<CheckIn>();
  const [error, setError] = useState<string>();
  // Loaded when the list is opened (or after a check-in), not with every opening of the page.
  const [visits, setVisits] = useState<Visit[] | undefined>(undefined);
  const token = placeTokenOf(text);

  const load = useCallback(async () => {
    const now = Date.now();
    const data = await request(MyPlaceVisitsDocument, { personId: person.id, from: new Date(now - 14 * 864e5).toISOString(), to: new Date(now + 60_000).toISOString() }).catch(() => undefined);
    setVisits(data?.person?.placeVisits ?? []);
  }, [person.id]);

  const submit = async () => {
    setError(undefined);
    if (!token) return setError(UI.placeBadLink[lang]);
    try {
      const { checkInAtPlace } = await request(CheckInAtPlaceDocument, { token, personId: person.self ? null : person.id });
      setCheckIn(checkInAtPlace);
      setText('');
      onTokenUsed();
      if (visits) void load();
    } catch (err) {
      setError(errorText(err, lang));
    }
  };
  const place = token ? claimedName(token) : undefined;

  return (
    <section class="card" aria-labelledby="place-heading" data-testid="place-section">
      <h3 id="place-heading">{UI.placeScan[lang]}</h3>
      <p class="muted">{UI.placeHint[lang]}</p>
      <div class="field">
        <label for="place-link">{UI.placeLink[lang]}</label>
        <input id="place-link" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} autocomplete="off" spellcheck={false} />
      </div>
      {place && <p data-testid="place-claimed">{fill(UI.placeClaimed[lang], { place })}</p>}
      <button type="button" onClick={submit} disabled={!text.trim()}>
        {fillNode(UI.placeCheckIn[lang], person.self ? UI.self[lang] : <Name text={person.displayName} />)}
      </button>
      {error && <p class="error" role="alert">{error}</p>}
      <details
        onToggle={(e) => {
          if ((e.currentTarget as HTMLDetailsElement).open && !visits) void load();
        }}
      >
        <summary>{UI.placeVisits[lang]}</summary>
        {visits && visits.length === 0 && <p class="muted">{UI.placeNoVisits[lang]}</p>}
        <ul class="access-log">
          {(visits ?? []).map((v) => (
            <li key={v.id}>
              <strong>{v.place.name}</strong>
              <span class="small">
                {v.at.slice(0, 16).replace('T', ' ')} · {COLOR[v.color]?.[lang]}
              </span>
            </li>
          ))}
        </ul>
      </details>
      {checkIn && <CheckInCard checkIn={checkIn} person={person} lang={lang} onClose={() => setCheckIn(undefined)} />}
    </section>
  );
}
