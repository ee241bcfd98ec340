// The two hot-path statements of the token store (see store.ts for how they are fed).
import { AUDIT_EVENTS, INSERT_AUDIT, sqlText } from '../db/audit-events.js';

// Every token event has the same event_type and resource_type; the action comes per request.
const TOKEN_EVENT = sqlText(AUDIT_EVENTS.tokenize.eventType);
const TOKEN_RESOURCE = sqlText(AUDIT_EVENTS.tokenize.resourceType);

// Tokenize: every item of every merged request, its CVC session and one audit entry per request
// (with its writer MAC, computed in Node: store.ts), in ONE statement. Rows with `leader` set are in-batch duplicates of a deduplicated item: sent
// with their leader's token and not inserted, they resolve to whatever the leader resolves to
// (and keep their own CVC session). No join between rows: under generic plans a self-join of
// 2 000 rows became a nested loop that cost more than the rest of the statement.
// When an item cannot be resolved (its token is taken, or a concurrent deduplication race), the
// final check aborts the whole statement and names those items; the store retries with fresh
// tokens for them.
export const INSERT_SQL = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bytea[], $6::text[], $7::bool[],
                       $8::jsonb[], $9::jsonb[], $10::bool[], $11::text[], $12::timestamptz[], $13::uuid[],
                       $14::bytea[], $15::timestamptz[], $16::int[], $17::int[], $18::int[])
    AS i(project_id, token, type, format, ciphertext, fingerprint, dedup, display, metadata, test, app_id,
         expires_at, cvc_id, cvc_ct, cvc_expires_at, req, ord, leader)
), ins AS (
  INSERT INTO tokens (project_id, token, type, format, ciphertext, fingerprint, dedup, display, metadata, test, app_id, created_at, expires_at)
  SELECT project_id, token, type, format, ciphertext, fingerprint, dedup, display, metadata, test, app_id, $28, expires_at
  FROM input WHERE leader IS NULL
  ON CONFLICT DO NOTHING
  RETURNING project_id, token
), res AS (
  SELECT i.ord, i.req, i.project_id, i.cvc_id, i.cvc_ct, i.cvc_expires_at, i.test,
         COALESCE(n.token, e.token) AS token,
         n.token IS NULL OR i.leader IS NOT NULL AS deduplicated,
         -- The existing token's fields, for deduplicated items only: for a new row the caller
         -- already holds them, and sending them back would cost a parse per row.
         e.created_at, e.expires_at, e.display, e.metadata
  FROM input i
  -- Within one project a token is carried by one input row only, except an in-batch duplicate
  -- of a deduplicated item, which carries its leader's token on purpose (the store sees to it):
  -- so this join matches an inserted row to the one item it was written for.
  LEFT JOIN ins n ON n.project_id = i.project_id AND n.token = i.token
  LEFT JOIN LATERAL (
    SELECT t.token, t.created_at, t.expires_at, t.display, t.metadata FROM tokens t
    WHERE i.dedup AND n.token IS NULL AND t.dedup AND t.project_id = i.project_id AND t.type = i.type
      AND t.fingerprint = i.fingerprint AND (t.expires_at IS NULL OR t.expires_at > $28)
  ) e ON true
), cvc AS (
  INSERT INTO cvc_sessions (id, project_id, token, ciphertext, test, created_at, expires_at)
  SELECT cvc_id, project_id, token, cvc_ct, test, $28, cvc_expires_at FROM res WHERE cvc_id IS NOT NULL AND token IS NOT NULL
), agg AS (
  SELECT req, count(*) FILTER (WHERE deduplicated) AS deduplicated, jsonb_agg(token ORDER BY ord) AS tokens FROM res GROUP BY req
), aud AS (
  ${INSERT_AUDIT}
  SELECT a.project_id, $28, ${TOKEN_EVENT}, a.action, 'success', ${TOKEN_RESOURCE},
         CASE WHEN a.single THEN g.tokens->>0 END,
         a.app_id, a.user_id, a.ip, a.request_id,
         -- A batch entry lists the token ids it created or returned (PCI DSS 10.2).
         a.details || jsonb_build_object('deduplicated', g.deduplicated)
           || CASE WHEN a.single THEN '{}'::jsonb ELSE jsonb_build_object('tokens', g.tokens) END,
         a.mac
  FROM unnest($19::int[], $20::text[], $21::text[], $22::text[], $23::text[], $24::text[], $25::text[], $26::bool[], $27::jsonb[], $29::text[])
    AS a(req, project_id, action, app_id, user_id, ip, request_id, single, details, mac)
  JOIN agg g ON g.req = a.req
), chk AS (
  SELECT vault_assert(count(*) = 0, 'unresolved:' || coalesce(string_agg(ord::text, ','), '')) AS ok FROM res WHERE token IS NULL
)
SELECT r.ord, r.token, r.deduplicated, r.created_at, r.expires_at, r.display, r.metadata FROM res r, chk ORDER BY r.ord`;

/** The items (their `ord`s) a failed INSERT_SQL could not resolve; null for any other failure. */
export function unresolvedItems(err: unknown): number[] | null {
  const e = err as { code?: string; message?: string };
  if (e?.code !== 'VR001' || !e.message?.startsWith('unresolved:')) return null;
  return e.message.slice('unresolved:'.length).split(',').filter(Boolean).map(Number);
}

// Expired deduplicated tokens still hold their unique fingerprint until swept; a retry clears them.
export const CLEAR_EXPIRED_DEDUP_SQL = `
DELETE FROM tokens t USING unnest($1::text[], $2::text[], $3::text[]) AS x(project_id, type, fingerprint)
WHERE t.dedup AND t.project_id = x.project_id AND t.type = x.type AND t.fingerprint = x.fingerprint AND t.expires_at <= $4`;

// The rare path after a digit-token collision: which tokens of this shape (BIN, last 4, length)
// exist in the project, of any format (an own id may be digits too).
export const USED_DIGIT_TOKENS_SQL = `
SELECT token FROM tokens WHERE project_id = $1 AND token LIKE $2`;

// Fixed tokens (own ids, fpe) a failed statement tried: expired holders are deleted, and the
// live ones named (those items fail with token_exists; the others are retried).
export const FIXED_HOLDERS_SQL = `
WITH x AS (SELECT * FROM unnest($1::text[], $2::text[]) AS x(project_id, token)),
del AS (DELETE FROM tokens t USING x WHERE t.project_id = x.project_id AND t.token = x.token AND t.expires_at <= $3)
SELECT t.project_id, t.token FROM tokens t JOIN x ON t.project_id = x.project_id AND t.token = x.token
WHERE t.expires_at IS NULL OR t.expires_at > $3`;

function replaced(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`INSERT_SQL changed: ${from}`);
  return text.replace(from, to);
}

// The same statement for a batch with fpe items ($30 marks them): an fpe token already stored
// for the same card (same type and fingerprint) resolves to that row, as a deduplicated item
// does, whatever the item's own deduplication says. Kept apart so plain tokenize pays nothing.
export const INSERT_FIXED_SQL = [
  ['$18::int[])', '$18::int[], $30::bool[])'],
  ['req, ord, leader)', 'req, ord, leader, fixed)'],
  [
    'WHERE i.dedup AND n.token IS NULL AND t.dedup AND t.project_id = i.project_id AND t.type = i.type\n      AND t.fingerprint = i.fingerprint AND (t.expires_at IS NULL OR t.expires_at > $28)',
    'WHERE n.token IS NULL AND ((i.dedup AND t.dedup) OR (i.fixed AND t.token = i.token)) AND t.project_id = i.project_id\n      AND t.type = i.type AND t.fingerprint = i.fingerprint AND (t.expires_at IS NULL OR t.expires_at > $28)\n    ORDER BY i.dedup AND t.dedup DESC LIMIT 1',
  ],
].reduce((text, [from, to]) => replaced(text, from, to), INSERT_SQL);

// Detokenize: the tokens of every merged request and one audit entry per request. A single
// lookup names its token in `resource_id` only when it is a well-formed token id (never raw
// input); a batch entry lists the token ids it revealed.
export const SELECT_SQL = `
WITH want AS (
  SELECT * FROM unnest($1::int[], $2::text[], $3::text[]) AS w(req, project_id, token)
), t AS (
  SELECT w.req, tk.token, tk.type, tk.ciphertext, tk.metadata, tk.project_id
  FROM want w JOIN tokens tk ON tk.project_id = w.project_id AND tk.token = w.token
  WHERE tk.expires_at IS NULL OR tk.expires_at > $4
), aud AS (
  ${INSERT_AUDIT}
  SELECT a.project_id, $4, ${TOKEN_EVENT}, a.action,
         CASE WHEN f.found = a.requested THEN 'success' ELSE 'failure' END, ${TOKEN_RESOURCE}, a.resource_id,
         a.app_id, a.user_id, a.ip, a.request_id,
         jsonb_build_object('requested', a.requested, 'found', f.found)
           || CASE WHEN a.single THEN '{}'::jsonb ELSE jsonb_build_object('tokens', COALESCE(f.tokens, '[]'::jsonb)) END,
         a.mac
  FROM unnest($5::int[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::int[], $14::bool[], $15::text[])
    AS a(req, project_id, action, resource_id, app_id, user_id, ip, request_id, requested, single, mac)
  CROSS JOIN LATERAL (SELECT count(*)::int AS found, jsonb_agg(t.token) AS tokens FROM t WHERE t.req = a.req) f
)
SELECT req, token, type, ciphertext, metadata, project_id FROM t`;
