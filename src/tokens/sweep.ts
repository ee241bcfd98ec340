// The sweeper's half of the token store: expired CVC sessions and tokens are deleted, and each
// project's expired tokens get one audit entry naming them, in the same transaction (the
// token.expired webhook event is read from it, docs/webhooks.md).
import type pg from 'pg';
import { type AuditKeySlot, createdText } from '../db/audit.js';
import { macFields, INSERT_AUDIT } from '../db/audit-events.js';
import { groupBy } from '../lib/group.js';

export async function sweepExpired(pool: pg.Pool, audit: AuditKeySlot, now: Date): Promise<{ tokens: number; cvcSessions: number }> {
  const c = await pool.query('DELETE FROM cvc_sessions WHERE expires_at <= $1', [now]);
  // The deletion and its audit entries (one per project, naming the tokens: token.expired
  // webhooks read them) commit together.
  await audit.ready();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const t = await client.query<{ project_id: string; token: string }>(
      'DELETE FROM tokens WHERE ctid = ANY(ARRAY(SELECT ctid FROM tokens WHERE expires_at <= $1 LIMIT 10000)) RETURNING project_id, token',
      [now],
    );
    const byProject = groupBy(t.rows, (r) => r.project_id);
    if (byProject.size > 0) {
      const rows = [...byProject].map(([projectId, expired]) => {
        const tokens = expired.map((r) => r.token);
        const f = macFields('token_expire', {
          project_id: projectId, created: createdText(now), outcome: 'success', resource_id: null,
          user_id: null, app_id: null, ip_address: null, request_id: null, details: { count: tokens.length, tokens },
        });
        return { ...f, mac: audit.sign('f', f) };
      });
      await client.query(
        `${INSERT_AUDIT} SELECT x.project_id, $1, x.event_type, x.action, 'success', x.resource_type, NULL, NULL, NULL, NULL, NULL, x.details, x.mac
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[]) AS x(project_id, event_type, action, resource_type, details, mac)`,
        [now, rows.map((r) => r.project_id), rows.map((r) => r.event_type), rows.map((r) => r.action), rows.map((r) => r.resource_type),
          rows.map((r) => JSON.stringify(r.details)), rows.map((r) => r.mac)],
      );
    }
    await client.query('COMMIT');
    return { tokens: t.rowCount ?? 0, cvcSessions: c.rowCount ?? 0 };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
