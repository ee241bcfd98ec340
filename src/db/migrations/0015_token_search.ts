import { type Kysely, sql } from 'kysely';

// Token search (API.md §6.3, docs/tokens.md "Search"). What search filters on is already stored
// in clear in every row since 0001: `display` holds the BIN, last 4, brand and expiry (never the
// full number), `metadata` is clear by contract, and `fingerprint` is the keyed HMAC blind index
// deduplication uses. So nothing is backfilled: these are indexes over values every row has.
// Each index leads with the project and ends with the list order (created_at DESC, token DESC),
// so a search reads its first page straight off one index. Card-only fields are partial indexes:
// bank and string tokens pay nothing for them on tokenize.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A two-digit expiry year ("30") as the four-digit one ("2030"), so one index serves both.
    CREATE FUNCTION vault_card_year(y text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
      $$ SELECT CASE WHEN length(y) = 2 THEN '20' || y ELSE y END $$;

    CREATE INDEX tokens_search_bin ON tokens (project_id, (display->>'bin'), created_at DESC, token DESC) WHERE type = 'card';
    CREATE INDEX tokens_search_brand ON tokens (project_id, (display->>'brand'), created_at DESC, token DESC) WHERE type = 'card';
    CREATE INDEX tokens_search_expiry ON tokens (project_id, vault_card_year(display->>'expirationYear'), (display->>'expirationMonth'), created_at DESC, token DESC) WHERE type = 'card';
    CREATE INDEX tokens_search_last4 ON tokens (project_id, (display->>'last4'), created_at DESC, token DESC);
    -- Full-value search: the deduplication index covers deduplicated rows only.
    CREATE INDEX tokens_search_fingerprint ON tokens (project_id, fingerprint);
    CREATE INDEX tokens_search_metadata ON tokens USING gin (metadata jsonb_path_ops);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX tokens_search_bin, tokens_search_brand, tokens_search_expiry, tokens_search_last4,
      tokens_search_fingerprint, tokens_search_metadata;
    DROP FUNCTION vault_card_year(text);
  `.execute(db);
}
