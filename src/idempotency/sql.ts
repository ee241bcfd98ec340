// The statements of the idempotency store (docs/idempotency.md). Every write names the claim's
// `owner`, so a first attempt that outlived its lease can neither overwrite nor release the
// answer of the attempt that took the key over.

/** The claim: exactly one caller on any node gets a row back. $1 scope, $2 key. */
export const CLAIM = `
INSERT INTO idempotency_keys (scope, key, request_mac, owner, project_id, lease_until, created_at, expires_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
ON CONFLICT (scope, key) DO NOTHING
RETURNING owner`;

export const READ = `
SELECT request_mac, owner, project_id, status, body, lease_until, expires_at
FROM idempotency_keys WHERE scope = $1 AND key = $2`;

/**
 * Take over a row whose claim lapsed (its node died or never answered, $9 = the owner seen) or
 * which outlived its 24 h ($7 = now): the same compare-and-set on every node, one winner.
 */
export const TAKE_OVER = `
UPDATE idempotency_keys
SET request_mac = $3, owner = $4, project_id = $5, lease_until = $6, created_at = $7, expires_at = $8, status = NULL, body = NULL
WHERE scope = $1 AND key = $2 AND owner = $9
  AND (expires_at <= $7 OR (status IS NULL AND lease_until <= $7))
RETURNING owner`;

export const STORE = `
UPDATE idempotency_keys SET status = $4, body = $5
WHERE scope = $1 AND key = $2 AND owner = $3 AND status IS NULL`;

/** A 5xx (or a stored answer that could not be written): the key is free for a retry at once. */
export const RELEASE = `
DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND owner = $3 AND status IS NULL`;

/** The periodic prune, in bounded batches so it never holds many row locks at once. */
export const PRUNE = `
DELETE FROM idempotency_keys WHERE ctid = ANY (ARRAY(
  SELECT ctid FROM idempotency_keys WHERE expires_at <= $1 LIMIT 5000)) AND expires_at <= $1`;
