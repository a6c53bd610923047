import jsQR from 'jsqr';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Lang } from '../shared/lang.js';
import { L } from './messages.js';

/** The browser's own QR reader where it has one (Android Chrome, Safari); not in the DOM typings yet. */
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type BarcodeDetectorClass = new (opts: { formats: string[] }) => BarcodeDetectorLike;

/** Reads one QR code from the camera, then stops: the officer starts it again for the next person. */
function useCameraReader(video: { current: HTMLVideoElement | null }, onCode: (text: string) => void) {
  const [running, setRunning] = useState(false);
  const [failed, setFailed] = useState(false);
  const stream = useRef<MediaStream | null>(null);
  const timer = useRef<number | undefined>(undefined);

  const stop = () => {
    window.clearTimeout(timer.current);
    stream.current?.getTracks().forEach((t) => t.stop());
    stream.current = null;
    setRunning(false);
  };
  useEffect(() => stop, []);

  const start = async () => {
    setFailed(false);
    try {
      stream.current = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch {
      setFailed(true);
      return;
    }
    const v = video.current!;
    v.srcObject = stream.current;
    await v.play().catch(() => undefined);
    setRunning(true);
    const Native = (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
    const native = Native ? new Native({ formats: ['qr_code'] }) : null;
    const canvas = document.createElement('canvas');
    const tick = async () => {
      if (!stream.current) return;
      let text: string | undefined;
      if (v.videoWidth) {
        if (native) {
          text = (await native.detect(v).catch(() => []))[0]?.rawValue;
        } else {
          // The bundled decoder (jsQR) over a frame scaled to at most 800 px wide.
          const scale = Math.min(1, 800 / v.videoWidth);
          canvas.width = Math.round(v.videoWidth * scale);
          canvas.height = Math.round(v.videoHeight * scale);
          const g = canvas.getContext('2d', { willReadFrequently: true })!;
          g.drawImage(v, 0, 0, canvas.width, canvas.height);
          const img = g.getImageData(0, 0, canvas.width, canvas.height);
          text = jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' })?.data;
        }
      }
      if (text) {
        stop();
        onCode(text);
      } else timer.current = window.setTimeout(tick, 120);
    };
    void tick();
  };
  return { running, failed, start, stop };
}

export function Scanner({ lang, onCode }: { lang: Lang; onCode: (text: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const camera = useCameraReader(video, onCode);
  const [typed, setTyped] = useState('');
  return (
    <section class="card scanner" aria-labelledby="scan-title">
      <h2 id="scan-title" class="sr-only">{L.camera[lang]}</h2>
      <video ref={video} muted playsInline class={camera.running ? 'preview' : 'preview hidden'} aria-label={L.scanning[lang]} />
      {camera.running && <p class="muted" role="status">{L.scanning[lang]}</p>}
      {camera.failed && <p class="error" role="alert">{L.noCamera[lang]}</p>}
      <button type="button" class="camera" data-testid="camera" onClick={() => (camera.running ? camera.stop() : void camera.start())}>
        {camera.running ? L.stopCamera[lang] : L.camera[lang]}
      </button>
      {/* A handheld scanner types what it reads and presses Enter: the same path as the camera. */}
      <form
        class="manual"
        onSubmit={(e) => {
          e.preventDefault();
          const text = typed.trim();
          setTyped('');
          if (text) onCode(text);
        }}
      >
        <label>
          {L.manual[lang]}
          <input name="token" autoComplete="off" spellcheck={false} value={typed} onInput={(e) => setTyped(e.currentTarget.value)} />
        </label>
        <button type="submit">{L.verify[lang]}</button>
      </form>
    </section>
  );
}
