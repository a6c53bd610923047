import { useState } from 'preact/hooks';
import { request } from '../shared/client.js';
import type { Lang } from '../shared/lang.js';
import { AddDependentDocument, RemoveDependentDocument, type H5HomeQuery } from './gql/graphql.js';
import { errorText } from './page.js';
import { COLOR, fill, RELATION, UI } from './messages.js';
import { Name } from './name.js';

type Me = NonNullable<H5HomeQuery['me']>;

/** The resident's household: each member's colour, switch to their code, add one, remove one. */
export function Household({ me, lang, onChanged, onShow }: { me: Me; lang: Lang; onChanged: () => Promise<void>; onShow: (id: string) => void }) {
  const [form, setForm] = useState({ name: '', documentNumber: '', relation: 'PARENT', coResident: true });
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const add = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await request(AddDependentDocument, { input: { name: form.name.trim(), documentNumber: form.documentNumber.trim().toUpperCase(), relation: form.relation as never, coResident: form.coResident } });
      setForm({ ...form, name: '', documentNumber: '' });
      await onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="household">
      <h3 id="household">{UI.household[lang]}</h3>
      <ul class="members">
        {me.dependents.map((d) => (
          <li key={d.id} data-member={d.id}>
            <button type="button" class="member" onClick={() => onShow(d.id)}>
              <span class={`dot ${d.healthCode?.color.toLowerCase() ?? 'unknown'}`} aria-hidden="true" />
              <span data-testid="member-name"><Name text={d.displayName} /></span>
              {d.age !== null && <span class="muted">{fill(UI.age[lang], { n: d.age })}</span>}
              <span>{d.healthCode ? COLOR[d.healthCode.color]?.[lang] : UI.unknown[lang]}</span>
            </button>
            <button
              type="button"
              class="secondary small-btn"
              onClick={async () => {
                if (!confirm(fill(UI.removeConfirm[lang], { name: d.displayName }))) return;
                try {
                  await request(RemoveDependentDocument, { personId: d.id });
                  await onChanged();
                } catch (err) {
                  setError(err);
                }
              }}
            >
              {UI.remove[lang]}
            </button>
          </li>
        ))}
      </ul>
      <details>
        <summary>{UI.addMember[lang]}</summary>
        <form onSubmit={add}>
          <label>{UI.name[lang]}<input name="name" required maxLength={64} value={form.name} onInput={(e) => setForm({ ...form, name: e.currentTarget.value })} /></label>
          <label>{UI.idNumber[lang]}<input name="documentNumber" required maxLength={18} autoComplete="off" value={form.documentNumber} onInput={(e) => setForm({ ...form, documentNumber: e.currentTarget.value })} /></label>
          <label>
            {UI.relation[lang]}
            <select name="relation" value={form.relation} onChange={(e) => setForm({ ...form, relation: e.currentTarget.value })}>
              {Object.keys(RELATION).map((r) => <option key={r} value={r}>{RELATION[r]![lang]}</option>)}
            </select>
          </label>
          <label class="check"><input type="checkbox" checked={form.coResident} onChange={(e) => setForm({ ...form, coResident: e.currentTarget.checked })} />{UI.coResident[lang]}</label>
          {error !== undefined && <p class="error" role="alert">{errorText(error, lang)}</p>}
          <button type="submit" disabled={busy}>{UI.add[lang]}</button>
        </form>
      </details>
    </section>
  );
}
