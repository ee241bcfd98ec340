import { type Kysely, sql } from 'kysely';

// Token search (API.md §6.3, docs/tokens.md "Search"). What search filters on is already stored
// in clear in every row since 0001: `display` holds the BIN, last 4, brand and expiry (never the
// full number), `metadata` is clear by contract, and `fingerprint` is the keyed HMAC blind index
// deduplication uses. So nothing is backfilled: these are indexes over values every row has.
//
// Every tokenize pays for each index, so there are two, not one per filter (six B-trees cost
// 2.4× the PostgreSQL CPU of a batch tokenize; docs/performance.md "Token search"):
// - one GIN over a row's search terms ("<project> bin 411111", "<project> last4 1111", …). Its
//   pending list makes an insert one append; matching rows are sorted after the look-up, and for
//   common terms (a brand) the planner reads the listing index newest first instead, knowing each
//   term's frequency from the statistics ANALYZE keeps on the index expression;
// - the metadata GIN, partial: rows without metadata (most) pay nothing for it; `metadata @> x`
//   implies `metadata IS NOT NULL`, so the planner uses it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One expression (no FROM, not STRICT, no SET), so PostgreSQL inlines it in the index and the
    -- queries. Built-ins only: pg_restore builds the index with an empty search_path. A two-digit
    -- expiry year ("30") becomes the four-digit one ("2030"), so one term serves both.
    CREATE FUNCTION vault_token_terms(p text, d jsonb, fp text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT array_remove(ARRAY[
        p || ' bin ' || (d->>'bin'),
        p || ' last4 ' || (d->>'last4'),
        p || ' brand ' || (d->>'brand'),
        p || ' year ' || (CASE WHEN length(d->>'expirationYear') = 2 THEN '20' || (d->>'expirationYear') ELSE d->>'expirationYear' END),
        p || ' month ' || (d->>'expirationMonth'),
        -- The pair as one term: its own frequency, so the planner knows when a pair is rare.
        p || ' expiry ' || (CASE WHEN length(d->>'expirationYear') = 2 THEN '20' || (d->>'expirationYear') ELSE d->>'expirationYear' END) || '-' || (d->>'expirationMonth'),
        p || ' fp ' || fp
      ], NULL)
    $$;

    CREATE INDEX tokens_search_terms ON tokens USING gin (vault_token_terms(project_id, display, fingerprint));
    CREATE INDEX tokens_search_metadata ON tokens USING gin (metadata jsonb_path_ops) WHERE metadata IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX tokens_search_terms, tokens_search_metadata;
    DROP FUNCTION vault_token_terms(text, jsonb, text);
  `.execute(db);
}
