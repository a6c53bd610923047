import { useState } from 'preact/hooks';
import { request } from '../shared/client.js';
import type { Lang } from '../shared/lang.js';
import { FileAppealDocument } from './gql/graphql.js';
import { errorText, type Shown } from './page.js';
import { fill, REASON, SOURCE, UI } from './messages.js';

type Reason = NonNullable<Shown['healthCode']>['reasons'][number];

function AppealForm({ personId, reason, lang, onDone }: { personId: string; reason: Reason; lang: Lang; onDone: () => void }) {
  const [statement, setStatement] = useState('');
  const [error, setError] = useState<unknown>();
  const [sent, setSent] = useState(false);
  if (sent) return <p class="ok" role="status">{UI.appealSent[lang]}</p>;
  return (
    <form
      class="appeal"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          // A reason an amendment dropped is corrected as a mistaken entry of that day, not disputed.
          const correction = reason.correctionPending ? { ground: 'MISTAKEN_ENTRY' as const, declarationDate: reason.correctionDays.at(-1) } : {};
          await request(FileAppealDocument, { input: { personId, reasonCode: reason.code, designationId: reason.designationId, statement, ...correction } });
          setSent(true);
        } catch (err) {
          setError(err);
        }
      }}
    >
      <textarea required maxLength={1000} placeholder={(reason.correctionPending ? UI.correctionPlaceholder : UI.appealPlaceholder)[lang]} value={statement} onInput={(e) => setStatement(e.currentTarget.value)} />
      {error !== undefined && <p class="error" role="alert">{errorText(error, lang)}</p>}
      <div class="row">
        <button type="submit">{UI.send[lang]}</button>
        <button type="button" class="secondary" onClick={onDone}>{UI.cancel[lang]}</button>
      </div>
    </form>
  );
}

/** Why the colour: each cause in words, where it came from, and how far the 14-day count has got. */
export function Reasons({ person, lang }: { person: Shown; lang: Lang }) {
  const [appealing, setAppealing] = useState<string>();
  if (!person.healthCode) return null;
  const reasons = person.healthCode.reasons;
  return (
    <section class="card" aria-labelledby="why">
      <h3 id="why">{UI.why[lang]}</h3>
      {reasons.length === 0 ? (
        <p class="muted">{UI.none[lang]}</p>
      ) : (
        <ul class="reasons">
          {reasons.map((r) => {
            const left = r.progress ? Math.max(0, r.progress.required - r.progress.normalDays) : undefined;
            const key = `${r.code}:${r.designationId ?? ''}`;
            return (
              <li key={key} class={`reason ${r.color.toLowerCase()}`} data-reason={r.code}>
                <strong>{REASON[r.code]?.[lang] ?? r.code}</strong>
                <span class="muted"> · {fill(UI.since[lang], { d: r.since.slice(0, 10) })} · {SOURCE[r.source]?.[lang] ?? r.source}</span>
                {r.progress && (
                  <>
                    <progress max={r.progress.required} value={r.progress.normalDays} />
                    <p>{left ? fill(UI.progress[lang], { n: left }) : UI.progressDone[lang]}</p>
                  </>
                )}
                {r.awaitingLift && <p>{UI.awaitingLift[lang]}</p>}
                {r.correctionPending && (
                  <p class="pending" data-testid="correction-pending">
                    <strong>{UI.correctionPending[lang]}</strong> · {fill(UI.correctionNote[lang], { d: r.correctionDays.join(', ') })}
                  </p>
                )}
                {r.greenOn && <p class="muted">{fill(UI.greenOn[lang], { d: r.greenOn })}</p>}
                {appealing === key ? (
                  <AppealForm personId={person.id} reason={r} lang={lang} onDone={() => setAppealing(undefined)} />
                ) : (
                  <button type="button" class="secondary small-btn" onClick={() => setAppealing(key)}>{UI.appeal[lang]}</button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
