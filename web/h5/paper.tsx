import { useCallback, useEffect, useState } from 'preact/hooks';
import { request } from '../shared/client.js';
import type { Lang } from '../shared/lang.js';
import { useQr } from './code-card.js';
import { IssuePaperCodeDocument, PaperCodesDocument, RevokePaperCodeDocument, type PaperCodesQuery } from './gql/graphql.js';
import { Name } from './name.js';
import { errorText, type Shown } from './page.js';
import { fill, UI } from './messages.js';

type Paper = NonNullable<PaperCodesQuery['person']>['paperCodes'][number];

/** The printable sheet: the QR, the masked name and the validity; everything else is hidden when printing. */
function PrintSheet({ token, person, expiresAt, lang }: { token: string; person: Shown; expiresAt: string; lang: Lang }) {
  const qr = useQr(token);
  return (
    <div class="print-sheet" data-testid="paper-sheet">
      <p class="name"><Name text={person.maskedName} /></p>
      {qr && <img class="qr" src={qr} width={264} height={264} alt={UI.paper[lang]} data-token={token} />}
      <p>{fill(UI.validUntil[lang], { d: expiresAt.slice(0, 10) })}</p>
      <button type="button" class="no-print" onClick={() => window.print()}>{UI.print[lang]}</button>
    </div>
  );
}

/** Paper codes for a household member without a phone: make one, print it, revoke any. */
export function PaperCodes({ person, lang }: { person: Shown; lang: Lang }) {
  const [codes, setCodes] = useState<Paper[]>([]);
  const [issued, setIssued] = useState<{ token: string; expiresAt: string }>();
  const [error, setError] = useState<unknown>();

  const load = useCallback(async () => {
    const data = await request(PaperCodesDocument, { personId: person.id }).catch(() => undefined);
    setCodes(data?.person?.paperCodes ?? []);
  }, [person.id]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (fn: () => Promise<void>) => {
    setError(undefined);
    try {
      await fn();
      await load();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section class="card" aria-labelledby="paper">
      <h3 id="paper">{UI.paper[lang]}</h3>
      <p class="muted">{UI.paperHint[lang]}</p>
      <button
        type="button"
        onClick={() =>
          act(async () => {
            const { issuePaperCode } = await request(IssuePaperCodeDocument, { personId: person.id, validDays: 30 });
            if (issuePaperCode.token) setIssued({ token: issuePaperCode.token, expiresAt: issuePaperCode.expiresAt });
          })
        }
      >
        {UI.issuePaper[lang]}
      </button>
      {issued && <PrintSheet token={issued.token} person={person} expiresAt={issued.expiresAt} lang={lang} />}
      <ul class="papers">
        {codes.map((c) => (
          <li key={c.id} data-paper={c.id}>
            <span>
              {c.issuedAt.slice(0, 10)} → {c.expiresAt.slice(0, 10)}
              {c.revokedAt && <strong class="revoked"> · {UI.revoked[lang]}</strong>}
            </span>
            {!c.revokedAt && (
              <button
                type="button"
                class="secondary small-btn"
                onClick={() =>
                  act(async () => {
                    await request(RevokePaperCodeDocument, { id: c.id });
                    setIssued(undefined);
                  })
                }
              >
                {UI.revoke[lang]}
              </button>
            )}
          </li>
        ))}
      </ul>
      {error !== undefined && <p class="error" role="alert">{errorText(error, lang)}</p>}
    </section>
  );
}
