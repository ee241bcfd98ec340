// A project's calls per hour (tokenize, detokenize, proxy) as stacked bars, counted by the vault
// (GET /api/projects/:id/traffic), with the same numbers as a table. A y-axis with round values;
// each hour's numbers show on hover and on keyboard focus (arrow keys move between hours).
import { useRef, useState } from 'react';
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

/** Round tick values for the y-axis: 0 and up to four steps of 1, 2 or 5 × 10ⁿ covering `max`. */
function ticks(max: number): number[] {
  if (max <= 0) return [0, 1];
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag);
  const out: number[] = [];
  for (let v = 0; v < max + step; v += step) out.push(v);
  return out;
}

function Chart({ rows }: { rows: Traffic['buckets'] }) {
  const totals = Object.fromEntries(SERIES.map((s) => [s, rows.reduce((n, r) => n + r[s], 0)])) as Record<Series, number>;
  const sum = (r: Traffic['buckets'][number]) => r.tokenize + r.detokenize + r.proxy;
  const busiest = Math.max(0, ...rows.map(sum));
  const axis = ticks(busiest);
  const max = axis[axis.length - 1];
  // The hour under the pointer or the keyboard focus; one bar is in the tab order at a time.
  const [active, setActive] = useState<number | null>(null);
  const [focusIdx, setFocusIdx] = useState(rows.length - 1);
  const bars = useRef<(SVGGElement | null)[]>([]);
  const LEFT = 44;
  const W = 720;
  const H = 200;
  const TOP = 10;
  const barW = (W - LEFT) / rows.length;
  const y = (v: number) => H - (v / max) * (H - TOP);
  const label = (start: string) => new Date(start).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const says = (r: Traffic['buckets'][number]) => `${label(r.start)}: ${r.tokenize} tokenize, ${r.detokenize} detokenize, ${r.proxy} proxy`;
  const move = (to: number) => {
    const i = Math.max(0, Math.min(rows.length - 1, to));
    setFocusIdx(i);
    setActive(i);
    bars.current[i]?.focus();
  };
  const onKey = (e: React.KeyboardEvent, i: number) => {
    const to = { ArrowLeft: i - 1, ArrowRight: i + 1, Home: 0, End: rows.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    move(to);
  };
  const tip = active === null ? null : rows[active];
  const tipX = active === null ? 0 : Math.min(W - 230, Math.max(LEFT, LEFT + active * barW + barW / 2 - 115));
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H + 24}`} role="group" aria-labelledby="chart-title chart-desc" width="100%" onMouseLeave={() => setActive(null)}>
        <title id="chart-title">Calls per hour</title>
        <desc id="chart-desc">
          Stacked bars for the last {rows.length} hours: {totals.tokenize} tokenize, {totals.detokenize} detokenize and {totals.proxy} proxy calls; the busiest hour had {busiest}. Use the
          arrow keys to move between hours.
        </desc>
        <g aria-hidden="true" data-testid="y-axis">
          {axis.map((v) => (
            <g key={v}>
              <line x1={LEFT} y1={y(v)} x2={W} y2={y(v)} stroke={v === 0 ? '#6b7280' : '#e5e7eb'} />
              <text x={LEFT - 6} y={y(v) + 4} fontSize="11" fill="#374151" textAnchor="end">
                {v}
              </text>
            </g>
          ))}
        </g>
        {rows.map((r, i) => {
          let top = H;
          return (
            <g
              key={r.start}
              className="bar"
              data-testid="bar"
              role="img"
              aria-label={says(r)}
              tabIndex={i === focusIdx ? 0 : -1}
              ref={(el) => {
                bars.current[i] = el;
              }}
              onMouseEnter={() => setActive(i)}
              onFocus={() => {
                setFocusIdx(i);
                setActive(i);
              }}
              onBlur={() => setActive(null)}
              onKeyDown={(e) => onKey(e, i)}
            >
              <title>{says(r)}</title>
              <rect className="hit" x={LEFT + i * barW} y={TOP} width={barW} height={H - TOP} fill="transparent" />
              {SERIES.map((s) => {
                const h = (r[s] / max) * (H - TOP);
                top -= h;
                return r[s] > 0 ? <rect key={s} x={LEFT + i * barW + 2} y={top} width={barW - 4} height={h} fill={COLORS[s]} /> : null;
              })}
              {i % 4 === 0 && (
                <text x={LEFT + i * barW + 2} y={H + 16} fontSize="11" fill="#374151">
                  {label(r.start)}
                </text>
              )}
            </g>
          );
        })}
        {tip && (
          <g aria-hidden="true" data-testid="chart-tip" pointerEvents="none">
            <rect x={tipX} y={TOP} width={230} height={66} rx={4} fill="#111827" />
            <text x={tipX + 8} y={TOP + 16} fontSize="12" fill="#fff" fontWeight="700">
              {label(tip.start)} · {sum(tip)} calls
            </text>
            {SERIES.map((s, k) => (
              <text key={s} x={tipX + 8} y={TOP + 32 + k * 14} fontSize="12" fill="#fff">
                {s}: {tip[s]}
              </text>
            ))}
          </g>
        )}
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
