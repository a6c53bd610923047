import { useState } from 'preact/hooks';

export interface KeySignInText {
  title: string;
  hint: string;
  key: string;
  button: string;
  badKey: string;
}

/**
 * The form an official or a checkpoint officer pastes a key into once: `endpoint` exchanges it for
 * a session cookie. The key leaves the page's memory at once; the cookie is all the browser keeps.
 */
export function KeySignIn({ endpoint, text, onSignedIn }: { endpoint: string; text: KeySignInText; onSignedIn: (res: Response) => Promise<void> | void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string>();
  return (
    <form
      class="card signin"
      onSubmit={async (e) => {
        e.preventDefault();
        const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key }) }).catch(() => null);
        setKey('');
        if (res?.ok) await onSignedIn(res);
        else setError(text.badKey);
      }}
    >
      <h2>{text.title}</h2>
      <p class="muted">{text.hint}</p>
      <label>
        {text.key}
        <input name="key" type="password" autoComplete="off" required value={key} onInput={(e) => setKey(e.currentTarget.value)} />
      </label>
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit">{text.button}</button>
    </form>
  );
}

/** The form's words in one language, from a page's messages. */
export const signInText = (L: Record<'signIn' | 'signInHint' | 'key' | 'signInButton' | 'badKey', Record<'zh' | 'en', string>>, lang: 'zh' | 'en'): KeySignInText => ({
  title: L.signIn[lang],
  hint: L.signInHint[lang],
  key: L.key[lang],
  button: L.signInButton[lang],
  badKey: L.badKey[lang],
});
