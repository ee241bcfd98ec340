// Summarises a V8 .cpuprofile (from `node --cpu-prof`): top functions by self time, and self time
// grouped by package / source area. `node bench/cpu-summary.mjs file.cpuprofile [top]`
import { readFileSync } from 'node:fs';

const [file, topArg] = process.argv.slice(2);
const prof = JSON.parse(readFileSync(file, 'utf8'));
const top = Number(topArg ?? 25);

const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const self = new Map(); // node id -> µs
for (let i = 0; i < prof.samples.length; i++) {
  const dt = prof.timeDeltas[i] ?? 0;
  self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + dt);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);

function area(url) {
  if (!url) return '(native / V8)';
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node core';
  const d = url.match(/\/dist\/(.*?)\/[^/]+$/) ?? url.match(/\/dist\/()[^/]+$/);
  if (d) return `vault ${d[1] || '.'}`;
  return url;
}

const fns = new Map();
const areas = new Map();
for (const [id, us] of self) {
  const n = byId.get(id);
  const cf = n.callFrame;
  const name = cf.functionName || '(anonymous)';
  const file = cf.url ? cf.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/dist\//, 'dist/') : '';
  const key = `${name}  ${file}${cf.url ? ':' + (cf.lineNumber + 1) : ''}`;
  fns.set(key, (fns.get(key) ?? 0) + us);
  const a = ['(idle)', '(program)', '(garbage collector)'].includes(name) ? name : area(cf.url);
  areas.set(a, (areas.get(a) ?? 0) + us);
}

const pct = (us) => ((100 * us) / total).toFixed(1).padStart(5) + '%';
const out = [`CPU profile ${file}: ${(total / 1e6).toFixed(1)} s sampled`, '', 'Self time by area:'];
for (const [a, us] of [...areas].sort((x, y) => y[1] - x[1]).slice(0, 15)) out.push(`${pct(us)}  ${a}`);
out.push('', `Top ${top} functions by self time:`);
for (const [k, us] of [...fns].sort((x, y) => y[1] - x[1]).slice(0, top)) out.push(`${pct(us)}  ${k}`);
process.stdout.write(out.join('\n') + '\n');
