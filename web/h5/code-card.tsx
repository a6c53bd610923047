import QRCode from 'qrcode';
import { useEffect, useState } from 'preact/hooks';
import { localDateTime, type Lang } from '../shared/lang.js';
import type { Shown } from './page.js';
import { COLOR, COLOR_HINT, UI } from './messages.js';
import { Name } from './name.js';

/** The QR of a signed token, drawn locally (qrcode), as a data: image. */
export function useQr(token: string | null | undefined): string | undefined {
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    if (!token) return;
    void QRCode.toDataURL(token, { errorCorrectionLevel: 'L', margin: 4, width: 600, color: { dark: '#000000', light: '#ffffff' } }).then(setSrc);
  }, [token]);
  return src;
}

/** A live clock to the second: a screenshot is visibly stale next to the real page. */
export function Clock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <p class="clock" aria-live="off" data-testid="clock">
      <span class="pulse" aria-hidden="true" />
      {/* Date and time wrap apart with a large system font; each stays whole. */}
      <span>{localDateTime(now).slice(0, 10)}</span> <span>{localDateTime(now).slice(11)}</span>
    </p>
  );
}

export function CodeCard({ person, lang }: { person: Shown; lang: Lang }) {
  const code = person.healthCode;
  const qr = useQr(code?.token);
  // The code's subgraph may be briefly unreachable: the name and household still show, never an old QR.
  if (!code) {
    return (
      <section class="card code unavailable" data-color="UNAVAILABLE" aria-live="polite">
        <p class="name" data-testid="masked-name"><Name text={person.maskedName} /></p>
        <p class="hint" role="status">{UI.unavailable[lang]}</p>
        <Clock />
      </section>
    );
  }
  const color = code.color.toLowerCase();
  return (
    <section class={`card code ${color}`} data-color={code.color} aria-labelledby="code-colour">
      <p class="name" data-testid="masked-name"><Name text={person.maskedName} /></p>
      <h2 id="code-colour" class="colour">{COLOR[code.color]?.[lang]}</h2>
      <p class="hint">{COLOR_HINT[code.color]?.[lang]}</p>
      <div class="qr-frame">{qr ? <img class="qr" src={qr} width={264} height={264} alt={COLOR[code.color]?.[lang]} data-token={code.token} /> : <div class="qr" />}</div>
      <Clock />
      <p class="small">{UI.refreshNote[lang]}</p>
    </section>
  );
}
