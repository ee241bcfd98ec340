// tokenize_response (API.md §6.6, docs/proxy.md): card data at the given JSONPaths of the PSP's
// JSON answer becomes tokens of the caller's project before the answer is returned. Values are
// read from the answer as sent, everything is masked as always, then the tokens are written into
// the masked answer at the same places — so a property the paths do not name stays masked.
import type { Caller } from '../lib/context.js';
import { VaultError } from '../http/errors.js';
import { findInJson, replaceInJson, type ResponseField, tokenizeFound } from '../tokens/paths.js';
import type { TokenStore } from '../tokens/store.js';
import type { ProxyResponse } from './upstream.js';

export interface TokenizeResponse {
  fields: ResponseField[];
  /** Whether deduplication applies (the project's setting, for a key that may detokenize). */
  deduplicate: boolean;
}

export type TokenizedPlace = { path: string; at: string; token: string } | { path: string; at: string; error: { code: string; message: string } };

const isJsonType = (ct: string | string[] | undefined) => {
  const t = (typeof ct === 'string' ? ct : '').split(';')[0].trim().toLowerCase();
  return t === 'application/json' || t.endsWith('+json');
};

/**
 * `raw` is the answer body as received, `masked` the answer as the caller would see it. A value
 * that is no valid card (or bank account, string) is left masked and listed with its error: the
 * PSP call has happened, so its answer is never lost to a bad value.
 */
export async function tokenizeAnswer(
  store: TokenStore, caller: Caller, spec: TokenizeResponse, raw: Buffer, masked: ProxyResponse, now: Date,
): Promise<TokenizedPlace[]> {
  if (!isJsonType(masked.headers['content-type']) || typeof masked.body !== 'object' || masked.body === null) return [];
  let sent: unknown;
  try {
    sent = JSON.parse(raw.toString('utf8'));
  } catch {
    return [];
  }
  const { found } = findInJson(sent, spec.fields);
  if (found.length === 0) return [];
  const outcomes = await tokenizeFound(store, caller, 'proxy_response_tokenize', found, { deduplicate: spec.deduplicate, strict: false }, now);
  replaceInJson(masked.body, found, outcomes);
  return found.map((f, i) => {
    const o = outcomes[i];
    return o instanceof VaultError
      ? { path: f.field.path, at: f.at, error: { code: o.code, message: o.message } }
      : { path: f.field.path, at: f.at, token: o.token };
  });
}
