import { useCallback, useEffect, useState } from 'preact/hooks';
import { request } from '../shared/client.js';
import { localDateTime, type Lang } from '../shared/lang.js';
import { CodeCard, useQr } from './code-card.js';
import { IdentityCodeDocument, type IdentityCodeQuery } from './gql/graphql.js';
import { Name } from './name.js';
import { errorText, tokenLifetime, type Shown } from './page.js';

type Text = Record<Lang, string>;
const t = (zh: string, en: string): Text => ({ zh, en });

/** This tab's words; kept beside it, as the eid subgraph sits beside the others. */
const TEXT = {
  healthCode: t('健康码', 'Health code'),
  identityCode: t('电子身份码', 'Electronic ID'),
  identityHint: t('酒店入住、政务办事时出示，可代替身份证核验身份', 'Show it at a hotel desk or a service counter instead of your ID card'),
  validUntil: t('有效至 {t}', 'Valid until {t}'),
  loading: t('正在生成…', 'Generating…'),
  refreshNote: t('二维码到期前自动刷新，截图无效', 'The QR code renews itself before it expires; screenshots do not work'),
} as const;

type Code = NonNullable<NonNullable<IdentityCodeQuery['person']>['identityCode']>;

/**
 * The electronic ID code (电子身份码) of the person shown: its QR, its expiry, and a fresh token at
 * 70% of the old one's life, as the health code is renewed (a counter refuses an expired one).
 */
function IdentityCodeCard({ person, lang }: { person: Shown; lang: Lang }) {
  const [code, setCode] = useState<Code | null>(null);
  const [error, setError] = useState<unknown>(null);
  const qr = useQr(code?.token);

  const load = useCallback(async () => {
    try {
      const data = await request(IdentityCodeDocument, { personId: person.id });
      setCode(data.person?.identityCode ?? null);
      setError(null);
    } catch (err) {
      // An old token would soon be refused at the counter: show the problem, never a stale QR.
      setCode(null);
      setError(err);
    }
  }, [person.id]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    const timer = setTimeout(() => void load(), code ? tokenLifetime(code.token) * 700 : 5000);
    return () => clearTimeout(timer);
  }, [code, error, load]);

  return (
    <section class="card code eid" data-testid="identity-code" aria-labelledby="eid-title">
      <p class="name"><Name text={person.maskedName} /></p>
      <h2 id="eid-title" class="colour">{TEXT.identityCode[lang]}</h2>
      <p class="hint">{TEXT.identityHint[lang]}</p>
      {error ? (
        <p class="error" role="alert">{errorText(error, lang)}</p>
      ) : (
        <>
          <div class="qr-frame">{qr && code ? <img class="qr" src={qr} width={264} height={264} alt={TEXT.identityCode[lang]} data-token={code.token} /> : <div class="qr" />}</div>
          <p class="clock" data-testid="identity-code-expiry">
            {code ? TEXT.validUntil[lang].replace('{t}', localDateTime(new Date(code.expiresAt)).slice(11)) : TEXT.loading[lang]}
          </p>
          <p class="small">{TEXT.refreshNote[lang]}</p>
        </>
      )}
    </section>
  );
}

/** The health code and, in the tab beside it, the electronic ID code of the same person. */
export function CodeTabs({ person, lang }: { person: Shown; lang: Lang }) {
  const [tab, setTab] = useState<'health' | 'identity'>('health');
  const tabs = [
    { id: 'health', label: TEXT.healthCode[lang] },
    { id: 'identity', label: TEXT.identityCode[lang] },
  ] as const;
  return (
    <>
      <div class="tabs" role="tablist" aria-label={TEXT.healthCode[lang]}>
        {tabs.map((x) => (
          <button type="button" role="tab" key={x.id} class={x.id === tab ? 'chip on' : 'chip'} aria-selected={x.id === tab} data-tab={x.id} onClick={() => setTab(x.id)}>
            {x.label}
          </button>
        ))}
      </div>
      {tab === 'health' ? <CodeCard person={person} lang={lang} /> : <IdentityCodeCard key={person.id} person={person} lang={lang} />}
    </>
  );
}
