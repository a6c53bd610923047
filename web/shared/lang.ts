import { useEffect, useState } from 'preact/hooks';

/** zh-CN by default; English on request, remembered on this device. */
export type Lang = 'zh' | 'en';

export function useLang(): [Lang, (l: Lang) => void] {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem('hcg-lang') === 'en' ? 'en' : 'zh'));
  useEffect(() => {
    localStorage.setItem('hcg-lang', lang);
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  return [lang, setLang];
}

/** Formats a local (UTC+8) date and time the way the province writes it, whatever the phone's zone. */
export function localDateTime(d: Date): string {
  const s = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 19)}`;
}
