// Calls per hour from audit entries, for the project's traffic chart. No imports: the tests load
// this file directly.
interface AuditEntry {
  event_type: string;
  action: string;
  created_at: string;
}

export type Series = 'tokenize' | 'detokenize' | 'proxy';
export function seriesOf(e: Pick<AuditEntry, 'event_type' | 'action'>): Series | null {
  const a = `${e.event_type}:${e.action}`.toLowerCase();
  if (a.includes('proxy')) return 'proxy';
  if (a.includes('detokenize')) return 'detokenize';
  if (a.includes('tokenize') || a.includes('test_token') || a.includes('test-token')) return 'tokenize';
  return null;
}

/** Calls per hour for the 24 hours ending at `now`, oldest first. */
export function bucket(entries: Pick<AuditEntry, 'event_type' | 'action' | 'created_at'>[], now: number) {
  const hour = 3_600_000;
  const end = Math.floor(now / hour) * hour + hour;
  const start = end - 24 * hour;
  const rows = Array.from({ length: 24 }, (_, i) => ({ start: start + i * hour, tokenize: 0, detokenize: 0, proxy: 0 }));
  for (const e of entries) {
    const s = seriesOf(e);
    const t = new Date(e.created_at).getTime();
    if (!s || t < start || t >= end) continue;
    rows[Math.floor((t - start) / hour)][s]++;
  }
  return rows;
}
