// A project's calls per hour (tokenize, detokenize, proxy) as stacked bars, counted by the vault
// (GET /api/projects/:id/traffic), with the same numbers as a table.
import { data, vault, type Project, type Traffic } from '../api';
import { LoadState, useLoad } from '../ui/load';
import { Table } from '../ui/table';

const HOURS = 24;
type Series = 'tokenize' | 'detokenize' | 'proxy';
const SERIES: Series[] = ['tokenize', 'detokenize', 'proxy'];
const COLORS: Record<Series, string> = { tokenize: '#1d4ed8', detokenize: '#b45309', proxy: '#047857' };

export function TrafficTab({ project }: { project: Project }) {
  const traffic = useLoad(() => data(vault.GET('/api/projects/{id}/traffic', { params: { path: { id: project.id }, query: { hours: HOURS } } })), [project.id]);
  return (
    <>
      <h2>Traffic, last {HOURS} hours</h2>
      <LoadState of={traffic} what="traffic" />
      {traffic.data && <Chart rows={traffic.data.buckets} />}
    </>
  );
}

function Chart({ rows }: { rows: Traffic['buckets'] }) {
  const totals = Object.fromEntries(SERIES.map((s) => [s, rows.reduce((n, r) => n + r[s], 0)])) as Record<Series, number>;
  const busiest = Math.max(0, ...rows.map((r) => r.tokenize + r.detokenize + r.proxy));
  const max = Math.max(1, busiest);
  const W = 720;
  const H = 200;
  const barW = W / rows.length;
  const label = (start: string) => new Date(start).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H + 24}`} role="img" aria-labelledby="chart-title chart-desc" width="100%">
        <title id="chart-title">Calls per hour</title>
        <desc id="chart-desc">
          Stacked bars for the last {rows.length} hours: {totals.tokenize} tokenize, {totals.detokenize} detokenize and {totals.proxy} proxy calls; the busiest hour had {busiest}.
        </desc>
        <line x1="0" y1={H} x2={W} y2={H} stroke="#6b7280" />
        {rows.map((r, i) => {
          let y = H;
          return (
            <g key={r.start}>
              {SERIES.map((s) => {
                const h = (r[s] / max) * (H - 10);
                y -= h;
                return r[s] > 0 ? <rect key={s} x={i * barW + 2} y={y} width={barW - 4} height={h} fill={COLORS[s]} /> : null;
              })}
              {i % 4 === 0 && (
                <text x={i * barW + 2} y={H + 16} fontSize="11" fill="#374151">
                  {label(r.start)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="legend">
          {SERIES.map((s) => (
            <li key={s}>
              <svg width="12" height="12" aria-hidden="true">
                <rect width="12" height="12" fill={COLORS[s]} />
              </svg>{' '}
              {s}: <span data-testid={`total-${s}`}>{totals[s]}</span>
            </li>
          ))}
        </ul>
      </figcaption>
      <details>
        <summary>Show as a table</summary>
        <Table
          caption="Calls per hour"
          head={['Hour starting', 'Tokenize', 'Detokenize', 'Proxy']}
          rows={rows}
          row={(r) => (
            <tr key={r.start}>
              <td>{label(r.start)}</td>
              <td>{r.tokenize}</td>
              <td>{r.detokenize}</td>
              <td>{r.proxy}</td>
            </tr>
          )}
        />
      </details>
    </figure>
  );
}
