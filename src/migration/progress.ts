// Progress of a long import or export: a bar on a terminal (cli-progress: rows, rows/s, ETA from
// the bytes read), one plain line every few seconds otherwise (logs, CI). Always on stderr, so
// stdout holds only the command's result.
import cliProgress from 'cli-progress';

export interface Progress {
  update(bytes: number, rows: number): void;
  stop(): void;
}

export function progress(label: string, total: number, stream: NodeJS.WriteStream = process.stderr, plainEveryMs = 5000): Progress {
  const started = Date.now();
  const rate = (rows: number) => Math.round(rows / Math.max(0.001, (Date.now() - started) / 1000));
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream, format: `${label} [{bar}] {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}`, etaBuffer: 50, fps: 5, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(1, total), 0, { rows: 0, rate: 0 });
    return {
      update: (bytes, rows) => bar.update(Math.min(bytes, total), { rows, rate: rate(rows) }),
      stop: () => bar.stop(),
    };
  }
  let last = started;
  return {
    update(bytes, rows) {
      const now = Date.now();
      if (now - last < plainEveryMs) return;
      last = now;
      const share = total > 0 ? Math.min(1, bytes / total) : 0;
      const eta = share > 0 ? Math.round(((now - started) / 1000) * (1 / share - 1)) : null;
      stream.write(`${label}: ${rows} rows, ${Math.round(share * 100)}% of the file, ${rate(rows)} rows/s${eta === null ? '' : `, ETA ${eta} s`}\n`);
    },
    stop() {},
  };
}
