import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import './style.css';

/** One published row of `designationReport`: null is a count from 1 to 4, withheld. */
interface Row {
  day: string;
  kind: string;
  basisKind: string;
  organisation: string;
  organisationName: string;
  made: number | null;
  approved: number | null;
  lapsed: number | null;
  lifted: number | null;
  appealed: number | null;
  upheld: number | null;
}

const KIND: Record<string, string> = {
  CONFIRMED: '确诊病人（红）',
  SUSPECTED: '疑似病人（红）',
  CLOSE_CONTACT: '密切接触者（红）',
  KEY_AREA: '重点疫区（黄）',
  FEVER_CLINIC: '发热门诊（黄）',
  OUT_OF_PROVINCE: '外省来桂（黄）',
};
const BASIS: Record<string, string> = {
  EPIDEMIOLOGICAL_REPORT: '流调报告',
  DIAGNOSIS: '诊断',
  AREA_RISK_NOTICE: '区域风险公告',
  PARTNER_REQUEST: '协查函',
  LEGACY_IMPORT: '旧码迁移',
  UNSTATED: '未注明（规则实施前）',
};
const STEPS = [
  ['made', '认定'],
  ['approved', '复核批准'],
  ['lapsed', '未获批准失效'],
  ['lifted', '解除'],
  ['appealed', '被申诉'],
  ['upheld', '申诉成立撤销'],
] as const;

/** The province's local date (UTC+8), moved by `plusDays`. */
function localDay(plusDays = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + plusDays * 864e5).toISOString().slice(0, 10);
}

const cell = (n: number | null) => (n === null ? <abbr title="1 至 4 例，不公布 (1 to 4, withheld)">&lt;5</abbr> : String(n));

function App() {
  const [from, setFrom] = useState(localDay(-29));
  const [to, setTo] = useState(localDay());
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function load(f: string, t: string) {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/transparency/report?from=${encodeURIComponent(f)}&to=${encodeURIComponent(t)}`);
      const body = (await res.json()) as { data?: { designationReport: { rows: Row[] } }; errors?: { message: string }[] };
      if (body.errors || !body.data) throw new Error(body.errors?.[0]?.message ?? `HTTP ${res.status}`);
      setRows(body.data.designationReport.rows);
    } catch (err) {
      setRows(null);
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    void load(from, to);
  }, []);

  return (
    <main>
      <h1>风险认定公开报告</h1>
      <p class="lead">
        卫生健康部门每天作出、复核批准、失效、解除、被申诉和申诉成立的风险认定数量，按认定类别、依据类别和认定机关统计。不含任何个人或工作人员信息；1 至 4 例的数字不公布，显示为“&lt;5”。
      </p>
      <p class="lead" lang="en">
        Risk designations made, approved by a second officer, lapsed unapproved, lifted, appealed and upheld on appeal, per day, kind, basis and commission. No person and no officer; counts from 1 to 4 are withheld and shown as “&lt;5”.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void load(from, to);
        }}
      >
        <label>
          开始日期 (from)
          <input type="date" name="from" value={from} required onInput={(e) => setFrom((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          结束日期 (to)
          <input type="date" name="to" value={to} required onInput={(e) => setTo((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" disabled={busy}>
          查询 (show)
        </button>
      </form>
      <div aria-live="polite">
        {error && (
          <p class="error" role="alert">
            无法加载报告 (could not load the report): {error}
          </p>
        )}
        {rows && rows.length === 0 && <p class="empty">该期间没有风险认定 (no designations in this period).</p>}
      </div>
      {rows && rows.length > 0 && (
        <div class="scroll" tabIndex={0} role="region" aria-label="报告表格 (report table)">
          <table>
            <caption>
              {from} 至 {to} 的风险认定 (designations, {from} to {to})
            </caption>
            <thead>
              <tr>
                <th scope="col">日期</th>
                <th scope="col">类别</th>
                <th scope="col">依据</th>
                <th scope="col">认定机关</th>
                {STEPS.map(([, label]) => (
                  <th scope="col" class="num">
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr data-day={r.day} data-kind={r.kind}>
                  <td>{r.day}</td>
                  <td>{KIND[r.kind] ?? r.kind}</td>
                  <td>{BASIS[r.basisKind] ?? r.basisKind}</td>
                  <td>{r.organisationName}</td>
                  {STEPS.map(([k]) => (
                    <td class="num" data-step={k}>
                      {cell(r[k])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}

render(<App />, document.getElementById('app')!);
