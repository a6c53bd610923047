import { useEffect, useState } from 'preact/hooks';

const KEY = 'hcg-elder';

/**
 * 长辈模式 (the ageing-friendly mode China's guidance asks of public-service apps): larger type, higher
 * contrast, the code first. Remembered for this session only (sessionStorage): a phone lent to a
 * parent for one visit is back to normal the next time the app opens the page.
 */
export function useElderMode(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(() => sessionStorage.getItem(KEY) === '1');
  useEffect(() => {
    if (on) sessionStorage.setItem(KEY, '1');
    else sessionStorage.removeItem(KEY);
    document.documentElement.classList.toggle('elder', on);
  }, [on]);
  return [on, setOn];
}
