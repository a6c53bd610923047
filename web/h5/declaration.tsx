import { useCallback, useEffect, useState } from 'preact/hooks';
import { request, RequestError } from '../shared/client.js';
import type { Lang } from '../shared/lang.js';
import { SubmitDeclarationDocument, TodayDeclarationDocument, type TodayDeclarationQuery } from './gql/graphql.js';
import { errorText } from './page.js';
import { EXPOSURE, fill, SYMPTOM, TRANSPORT, UI } from './messages.js';
import { RegionPicker } from './region-picker.js';

type Today = NonNullable<NonNullable<TodayDeclarationQuery['person']>['todayDeclaration']>;
/** Each field's error as the server sent it: its words follow the language at render time, not at failure. */
type Errors = Record<string, unknown>;

/** Which form field a server error names (`extensions.field`, e.g. `input.exposures.1.regionCode`). */
function fieldOf(field: string | undefined): string {
  if (!field) return 'form';
  const f = field.replace(/^input\./, '');
  if (f.startsWith('exposures')) return /regionCode/.test(f) ? 'regionCode' : /provinceCode/.test(f) ? 'provinceCode' : 'exposures';
  if (f.startsWith('trip')) return 'trip';
  return f.split('.')[0]!;
}

function Field({ name, errors, lang, children }: { name: string; errors: Errors; lang: Lang; children: preact.ComponentChildren }) {
  return (
    <div class={errors[name] !== undefined ? 'field invalid' : 'field'}>
      {children}
      {errors[name] !== undefined && <p class="error" role="alert" data-field={name}>{errorText(errors[name], lang)}</p>}
    </div>
  );
}

function Version({ v, lang }: { v: Today['versions'][number]; lang: Lang }) {
  return (
    <li data-version={v.version}>
      v{v.version} · {v.submittedAt.slice(11, 16)} · {v.temperature.toFixed(1)} °C · {v.normal ? UI.normal[lang] : UI.abnormal[lang]}
      {v.symptoms.length > 0 && <> · {v.symptoms.map((s) => SYMPTOM[s]?.[lang] ?? s).join(UI.listSeparator[lang])}</>}
      {v.exposures.length > 0 && <> · {v.exposures.map((x) => EXPOSURE[x.kind]?.[lang] ?? x.kind).join(UI.listSeparator[lang])}</>}
    </li>
  );
}

/** Today's declaration for the person shown (self or a household member): temperature, symptoms, exposures, trip. */
export function DeclarationForm({ personId, lang, onDeclared }: { personId: string; lang: Lang; onDeclared: () => Promise<void> }) {
  const [today, setToday] = useState<Today | null>();
  const [temperature, setTemperature] = useState('36.5');
  const [symptoms, setSymptoms] = useState<string[]>([]);
  const [exposures, setExposures] = useState<string[]>([]);
  const [regionCode, setRegionCode] = useState('');
  const [provinceCode, setProvinceCode] = useState('');
  const [tripOpen, setTripOpen] = useState(false);
  const [trip, setTrip] = useState({ fromRegion: '', toRegion: '', date: '', transport: 'TRAIN', vehicle: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const loadToday = useCallback(async () => {
    const data = await request(TodayDeclarationDocument, { personId }).catch(() => undefined);
    setToday(data?.person?.todayDeclaration ?? null);
  }, [personId]);
  useEffect(() => {
    void loadToday();
  }, [loadToday]);

  const toggle = (list: string[], set: (l: string[]) => void, v: string) => set(list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setDone(false);
    setErrors({});
    try {
      await request(SubmitDeclarationDocument, {
        input: {
          personId,
          temperature: Number(temperature),
          symptoms: symptoms as never,
          exposures: exposures.map((kind) => ({
            kind: kind as never,
            ...(kind === 'KEY_AREA_STAY' ? { regionCode } : {}),
            ...(kind === 'ARRIVED_FROM_OTHER_PROVINCE' ? { provinceCode } : {}),
          })),
          ...(trip.fromRegion || trip.toRegion ? { trip: { ...trip, transport: trip.transport as never, vehicle: trip.vehicle || null } } : {}),
        },
      });
      setDone(true);
      await Promise.all([onDeclared(), loadToday()]);
    } catch (err) {
      const first = err instanceof RequestError ? err.errors[0] : undefined;
      setErrors({ [fieldOf(first?.extensions?.field)]: err });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="declare">
      <h3 id="declare">{UI.declaration[lang]}</h3>
      {today && (
        <div class="today" data-testid="today">
          <p>{fill(UI.declaredAs[lang], { n: today.version })}</p>
          {today.versions.length > 1 && (
            <details open>
              <summary>{UI.earlier[lang]}</summary>
              <ul class="versions">{today.versions.filter((v) => v.version !== today.version).map((v) => <Version key={v.id} v={v} lang={lang} />)}</ul>
            </details>
          )}
        </div>
      )}
      <form onSubmit={submit} novalidate>
        <Field name="temperature" errors={errors} lang={lang}>
          <label for="temperature">{UI.temperature[lang]}</label>
          <input id="temperature" name="temperature" type="number" inputMode="decimal" step="0.1" min="34" max="43" value={temperature} onInput={(e) => setTemperature(e.currentTarget.value)} />
        </Field>
        <fieldset>
          <legend>{UI.symptoms[lang]}</legend>
          <div class="checks">
            {Object.keys(SYMPTOM).map((s) => (
              <label key={s} class="check">
                <input type="checkbox" name="symptom" value={s} checked={symptoms.includes(s)} onChange={() => toggle(symptoms, setSymptoms, s)} />
                {SYMPTOM[s]![lang]}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>{UI.exposures[lang]}</legend>
          <Field name="exposures" errors={errors} lang={lang}>
            <div class="checks">
              {Object.keys(EXPOSURE).map((x) => (
                <label key={x} class="check">
                  <input type="checkbox" name="exposure" value={x} checked={exposures.includes(x)} onChange={() => toggle(exposures, setExposures, x)} />
                  {EXPOSURE[x]![lang]}
                </label>
              ))}
            </div>
          </Field>
          {exposures.includes('KEY_AREA_STAY') && (
            <Field name="regionCode" errors={errors} lang={lang}>
              <RegionPicker id="regionCode" legend={UI.regionCode[lang]} value={regionCode} onChange={setRegionCode} lang={lang} />
            </Field>
          )}
          {exposures.includes('ARRIVED_FROM_OTHER_PROVINCE') && (
            <Field name="provinceCode" errors={errors} lang={lang}>
              <RegionPicker id="provinceCode" legend={UI.provinceCode[lang]} value={provinceCode} onChange={setProvinceCode} lang={lang} provincesOnly />
            </Field>
          )}
        </fieldset>
        {/* The pickers (and their data) only once the trip is opened: the first view stays the code's. */}
        <details onToggle={(e) => setTripOpen(e.currentTarget.open)}>
          <summary>{UI.trip[lang]}</summary>
          <Field name="trip" errors={errors} lang={lang}>
            {tripOpen && (
              <>
                <RegionPicker id="tripFrom" legend={UI.from[lang]} value={trip.fromRegion} onChange={(fromRegion) => setTrip({ ...trip, fromRegion })} lang={lang} />
                <RegionPicker id="tripTo" legend={UI.to[lang]} value={trip.toRegion} onChange={(toRegion) => setTrip({ ...trip, toRegion })} lang={lang} />
              </>
            )}
            <div class="grid2">
              <label>{UI.date[lang]}<input type="date" value={trip.date} onInput={(e) => setTrip({ ...trip, date: e.currentTarget.value })} /></label>
              <label>
                {UI.transport[lang]}
                <select value={trip.transport} onChange={(e) => setTrip({ ...trip, transport: e.currentTarget.value })}>
                  {Object.keys(TRANSPORT).map((m) => <option key={m} value={m}>{TRANSPORT[m]![lang]}</option>)}
                </select>
              </label>
              <label>{UI.vehicle[lang]}<input value={trip.vehicle} onInput={(e) => setTrip({ ...trip, vehicle: e.currentTarget.value })} /></label>
            </div>
          </Field>
        </details>
        {errors.form !== undefined && <p class="error" role="alert">{errorText(errors.form, lang)}</p>}
        <button type="submit" disabled={busy}>{UI.declare[lang]}</button>
        {done && <p class="ok" role="status">{UI.declared[lang]}</p>}
      </form>
    </section>
  );
}
