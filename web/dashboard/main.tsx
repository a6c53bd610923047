import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { csrfToken, logout, onSessionLost, request, RequestError } from '../shared/client.js';
import { KeySignIn, signInText } from '../shared/key-sign-in.js';
import { useLang, type Lang } from '../shared/lang.js';
import { Chart, type ChartOption } from './chart.js';
import { download, toCsv } from './csv.js';
import {
  ColorCountsDocument,
  DeclarationsPerDayDocument,
  PlaceCheckInsPerHourDocument,
  ScansPerCheckpointDocument,
  type ColorCountsQuery,
  type DeclarationsPerDayQuery,
  type PlaceCheckInsPerHourQuery,
  type RegionLevel,
  type ScansPerCheckpointQuery,
} from './gql/graphql.js';
import { L } from './messages.js';
import './style.css';

type Counts = ColorCountsQuery['colorCounts'];
type Days = DeclarationsPerDayQuery['declarationsPerDay'];
type Scans = ScansPerCheckpointQuery['scansPerCheckpoint'];
type PlaceHours = PlaceCheckInsPerHourQuery['placeCheckInsPerHour'];

type Hidden = Counts[number]['hidden'];

/**
 * A count of a row that says why its nulls are null: "<5" only where the graph says the count is
 * small; "—" where it is hidden to protect a small one, since it holds 5 or more and "<5" would tell
 * an official there are fewer people than there are.
 */
function counted(n: number | null, field: string, hidden: Hidden): { text: string; protects: boolean } {
  if (n !== null) return { text: String(n), protects: false };
  const small = hidden.some((h) => h.field === field && h.reason === 'SMALL_COUNT');
  return { text: small ? '<5' : '—', protects: !small };
}

/** The instant a local date (UTC+8), moved by `plusDays`, starts. */
function dayStart(date: string, plusDays = 0): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + plusDays * 864e5).toISOString();
}

/** An hour's start as the province reads it: `YYYY-MM-DD HH:00`. */
function localHour(instant: string): string {
  return new Date(Date.parse(instant) + 8 * 3600_000).toISOString().slice(0, 13).replace('T', ' ') + ':00';
}

function localToday(offsetDays = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + offsetDays * 864e5).toISOString().slice(0, 10);
}

function SignIn({ lang, onSignedIn }: { lang: Lang; onSignedIn: () => void }) {
  return <KeySignIn endpoint="/dashboard/session" text={signInText(L, lang)} onSignedIn={onSignedIn} />;
}

type SortKey = 'name' | 'scans' | 'passed' | 'refused';

function Dashboard({ lang, onEnded }: { lang: Lang; onEnded: () => void }) {
  const [level, setLevel] = useState<RegionLevel>('CITY');
  const [from, setFrom] = useState(localToday(-13));
  const [to, setTo] = useState(localToday());
  const [counts, setCounts] = useState<Counts>([]);
  const [days, setDays] = useState<Days>([]);
  const [scans, setScans] = useState<Scans>([]);
  const [placeHours, setPlaceHours] = useState<PlaceHours>([]);
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'scans', desc: true });
  const [error, setError] = useState<string>();

  const fail = (err: unknown) => {
    if (err instanceof RequestError && err.code === 'UNAUTHENTICATED') return onEnded();
    setError(err instanceof RequestError ? err.message : String(err));
  };
  useEffect(() => {
    request(ColorCountsDocument, { level }).then((d) => setCounts(d.colorCounts), fail);
  }, [level]);
  useEffect(() => {
    if (from > to) return;
    request(DeclarationsPerDayDocument, { from, to }).then((d) => setDays(d.declarationsPerDay), fail);
    // The days' instants are [from 00:00, the day after `to` 00:00) in UTC+8: the last second of `to` is in.
    request(ScansPerCheckpointDocument, { from: dayStart(from), to: dayStart(to, 1) }).then((d) => setScans(d.scansPerCheckpoint), fail);
    request(PlaceCheckInsPerHourDocument, { from: dayStart(from), to: dayStart(to, 1) }).then((d) => setPlaceHours(d.placeCheckInsPerHour), fail);
  }, [from, to]);

  const sortedScans = useMemo(() => {
    const v = (s: Scans[number]) => (sort.key === 'name' ? s.checkpoint.name : (s[sort.key] ?? -1));
    return [...scans].sort((a, b) => (v(a) < v(b) ? -1 : v(a) > v(b) ? 1 : 0) * (sort.desc ? -1 : 1));
  }, [scans, sort]);

  const colourChart: ChartOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 32, containLabel: true },
      xAxis: { type: 'category', data: counts.map((c) => c.regionName ?? c.regionCode) },
      yAxis: { type: 'value', minInterval: 1 },
      series: (['green', 'yellow', 'red'] as const).map((k, i) => ({
        name: L[k][lang],
        type: 'bar',
        stack: 'residents',
        itemStyle: { color: ['#0b8a44', '#e0a800', '#d0312d'][i] },
        data: counts.map((c) => c[k] ?? '-'),
        tooltip: { valueFormatter: (_v: unknown, row: number) => (counts[row] ? counted(counts[row][k], k, counts[row].hidden).text : '') },
      })),
    }),
    [counts, lang],
  );
  const dayChart: ChartOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null || v === undefined || v === '-' ? '<5' : String(v)) },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 32, containLabel: true },
      xAxis: { type: 'category', data: days.map((d) => d.date) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: L.declared[lang], type: 'line', data: days.map((d) => d.declared ?? '-'), itemStyle: { color: '#2563eb' } },
        { name: L.abnormal[lang], type: 'line', data: days.map((d) => d.abnormal ?? '-'), itemStyle: { color: '#d0312d' } },
      ],
    }),
    [days, lang],
  );

  const colourCells = (c: Counts[number]) => (['green', 'yellow', 'red', 'total'] as const).map((k) => counted(c[k], k, c.hidden));
  const scanCells = (s: Scans[number]) => (['scans', 'passed', 'refused'] as const).map((k) => counted(s[k], k, s.hidden));
  const anyProtects = (rows: { protects: boolean }[][]) => rows.some((r) => r.some((c) => c.protects));
  const colourRows = counts.map(colourCells);
  const scanRows = sortedScans.map(scanCells);

  const csv = () =>
    download(
      `healthcode-dashboard-${from}-${to}.csv`,
      toCsv([
        [L.colourCounts[lang], L[level][lang]],
        [L.region[lang], L.green[lang], L.yellow[lang], L.red[lang], L.total[lang]],
        ...counts.map((c, i) => [c.regionName ?? c.regionCode, ...colourRows[i]!.map((v) => v.text)]),
        [],
        [L.declarationsPerDay[lang], `${from}..${to}`],
        [L.date[lang], L.declared[lang], L.abnormal[lang]],
        ...days.map((d) => [d.date, d.declared, d.abnormal]),
        [],
        [L.scansPerCheckpoint[lang], `${from}..${to}`],
        [L.checkpoint[lang], L.scans[lang], L.passed[lang], L.refused[lang]],
        ...sortedScans.map((s, i) => [s.checkpoint.name, ...scanRows[i]!.map((v) => v.text)]),
        [],
        [L.placeCheckIns[lang], `${from}..${to}`],
        [L.place[lang], L.hour[lang], L.checkIns[lang]],
        ...placeHours.map((p) => [p.place.name, localHour(p.hour), counted(p.checkIns, 'checkIns', p.hidden).text]),
        ...(anyProtects(colourRows) || anyProtects(scanRows) ? [[], [L.hiddenNote[lang]]] : []),
      ]),
    );

  const th = (key: SortKey, label: string) => (
    <th aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" class="sort" onClick={() => setSort({ key, desc: sort.key === key ? !sort.desc : key !== 'name' })}>
        {label}
        {sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}
      </button>
    </th>
  );

  return (
    <>
      <div class="toolbar card">
        <label>
          {L.from[lang]}
          <input type="date" name="from" value={from} max={to} onChange={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label>
          {L.to[lang]}
          <input type="date" name="to" value={to} min={from} onChange={(e) => setTo(e.currentTarget.value)} />
        </label>
        <button type="button" onClick={csv}>{L.csv[lang]}</button>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      <p class="muted note">{L.suppressed[lang]}</p>
      <section class="card" aria-labelledby="colours">
        <div class="head">
          <h2 id="colours">{L.colourCounts[lang]}</h2>
          <select name="level" value={level} onChange={(e) => setLevel(e.currentTarget.value as RegionLevel)} aria-label={L.level[lang]}>
            {(['PROVINCE', 'CITY', 'COUNTY'] as const).map((l) => <option key={l} value={l}>{L[l][lang]}</option>)}
          </select>
        </div>
        <ChartOrNote option={colourChart} label={L.colourCounts[lang]} note={chartNote(counts.flatMap((c) => [c.green, c.yellow, c.red]), lang)} />
        <table data-testid="colour-table">
          <thead><tr><th>{L.region[lang]}</th><th>{L.green[lang]}</th><th>{L.yellow[lang]}</th><th>{L.red[lang]}</th><th>{L.total[lang]}</th></tr></thead>
          <tbody>
            {counts.map((c, r) => (
              <tr key={c.regionCode}>
                <td>{c.regionName ?? c.regionCode}</td>
                {colourRows[r]!.map((v, i) => <Count key={i} value={v} lang={lang} note="colours-hidden" />)}
              </tr>
            ))}
          </tbody>
        </table>
        {anyProtects(colourRows) && <p id="colours-hidden" class="muted note footnote">{L.hiddenNote[lang]}</p>}
      </section>
      <section class="card" aria-labelledby="days">
        <h2 id="days">{L.declarationsPerDay[lang]}</h2>
        <ChartOrNote option={dayChart} label={L.declarationsPerDay[lang]} note={chartNote(days.flatMap((d) => [d.declared, d.abnormal]), lang)} />
      </section>
      <section class="card" aria-labelledby="scans">
        <h2 id="scans">{L.scansPerCheckpoint[lang]}</h2>
        <table data-testid="scan-table">
          <thead><tr>{th('name', L.checkpoint[lang])}{th('scans', L.scans[lang])}{th('passed', L.passed[lang])}{th('refused', L.refused[lang])}</tr></thead>
          <tbody>
            {sortedScans.map((s, r) => (
              <tr key={s.checkpoint.id}>
                <td>{s.checkpoint.name}</td>
                {scanRows[r]!.map((v, i) => <Count key={i} value={v} lang={lang} note="scans-hidden" />)}
              </tr>
            ))}
          </tbody>
        </table>
        {anyProtects(scanRows) && <p id="scans-hidden" class="muted note footnote">{L.hiddenNote[lang]}</p>}
      </section>
      <section class="card" aria-labelledby="place-hours">
        <h2 id="place-hours">{L.placeCheckIns[lang]}</h2>
        <table data-testid="place-table">
          <thead><tr><th>{L.place[lang]}</th><th>{L.hour[lang]}</th><th>{L.checkIns[lang]}</th></tr></thead>
          <tbody>
            {placeHours.map((p) => (
              <tr key={`${p.place.id}-${p.hour}`}>
                <td>{p.place.name}</td>
                <td>{localHour(p.hour)}</td>
                <Count value={counted(p.checkIns, 'checkIns', p.hidden)} lang={lang} note="place-hours" />
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

/**
 * Why a chart would have nothing to draw, or undefined when it has: every count hidden ("<5" or
 * "—") or none at all. An empty axis would read as "no one"; the note says what it is.
 */
function chartNote(values: (number | null)[], lang: Lang): string | undefined {
  if (values.some((v) => v !== null && v > 0)) return undefined;
  return values.some((v) => v === null) ? L.chartSuppressed[lang] : L.chartEmpty[lang];
}

function ChartOrNote({ option, label, note }: { option: ChartOption; label: string; note: string | undefined }) {
  if (note) return <p class="chart-note" data-testid="chart-note">{note}</p>;
  return <Chart option={option} label={label} />;
}

/** One count in a table; a count hidden to protect another points to the footnote that says so. */
function Count({ value, lang, note }: { value: { text: string; protects: boolean }; lang: Lang; note: string }) {
  if (value.protects) return <td class="num suppressed" title={L.hidden[lang]} aria-describedby={note} data-reason="PROTECTS_ANOTHER">{value.text}</td>;
  return <td class={value.text === '<5' ? 'num suppressed' : 'num'}>{value.text}</td>;
}

function App() {
  const [lang, setLang] = useLang();
  // 'ended': the session died under the official (expired, or its key revoked): say so, then sign in again.
  const [state, setState] = useState<'loading' | 'out' | 'in' | 'ended'>('loading');
  useEffect(() => onSessionLost(() => setState((s) => (s === 'in' ? 'ended' : s))), []);
  useEffect(() => {
    fetch('/sessions/current', { headers: { 'x-hcg-csrf': csrfToken() } }).then(
      (r) => setState(r.ok ? 'in' : 'out'),
      () => setState('out'),
    );
  }, []);
  return (
    <>
      <header class="bar">
        <h1>{L.title[lang]}</h1>
        <div>
          <button type="button" class="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{L.langSwitch[lang]}</button>
          {state === 'in' && (
            <button type="button" class="link" onClick={async () => { await logout(); setState('out'); }}>
              {L.signOut[lang]}
            </button>
          )}
        </div>
      </header>
      <main>
        {state === 'ended' && (
          <div class="card session-ended" role="alert" data-testid="session-ended">
            <p lang="zh-CN">会话已结束（已过期，或密钥已被吊销），请重新登录。</p>
            <p lang="en" class="muted">Your session has ended (it expired, or its key was revoked). Sign in again.</p>
          </div>
        )}
        {(state === 'out' || state === 'ended') && <SignIn lang={lang} onSignedIn={() => setState('in')} />}
        {state === 'in' && <Dashboard lang={lang} onEnded={() => setState('ended')} />}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
