// The soak run's chart: a Vega-Lite spec compiled to Vega, rendered to SVG by Vega's headless
// view (no canvas needed), rasterised to PNG by sharp (libvips + librsvg, prebuilt in its npm
// package).
import sharp from 'sharp';
import * as vega from 'vega';
import { compile } from 'vega-lite';

const WIDTH = 900;
const HEIGHT = 170;

/** `points`: one row per interval, per scenario: { minute, scenario, p50, p99, rps, errors, rssMB }. */
export async function soakChart(points, title) {
  const x = { field: 'minute', type: 'quantitative', title: 'minutes', scale: { domain: [0, Math.max(...points.map((p) => p.minute))], nice: false } };
  const color = { field: 'scenario', type: 'nominal', title: null, legend: { orient: 'top' } };
  const line = (y, yTitle, scale = {}) => ({
    width: WIDTH,
    height: HEIGHT,
    mark: { type: 'line', point: { size: 12 } },
    encoding: { x, y: { field: y, type: 'quantitative', title: yTitle, scale }, color },
  });
  // An all-zero error series still gets a readable 0..1 axis.
  const maxErrors = Math.max(1, ...points.map((p) => p.errors));
  const rss = points.filter((p) => p.scenario === 'tokenize');
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, anchor: 'start', fontSize: 14 },
    background: 'white',
    config: { font: 'DejaVu Sans', axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelFontSize: 12 } },
    data: { values: points },
    vconcat: [
      line('p50', 'p50 latency (ms)'),
      line('p99', 'p99 latency (ms)'),
      line('rps', 'throughput (req/s)'),
      { ...line('errors', 'errors + non-2xx per interval', { domain: [0, maxErrors] }), encoding: { ...line('errors', '').encoding, y: { field: 'errors', type: 'quantitative', title: 'errors + non-2xx per interval', scale: { domain: [0, maxErrors] }, axis: { format: 'd', tickMinStep: 1 } } } },
      {
        ...line('rssMB', 'vault RSS (MB)'),
        data: { values: rss },
        encoding: { x, y: { field: 'rssMB', type: 'quantitative', title: 'vault Node RSS (MB)', scale: { zero: true } }, color: { value: '#555' } },
      },
    ],
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return sharp(Buffer.from(svg), { density: 110 }).png().toBuffer();
}
