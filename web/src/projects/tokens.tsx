// A project's tokens, masked, by type and page, with brand, card expiry and metadata; searching
// them (token-search.tsx); deleting one. Never more of a card than its masked number.
import { useState } from 'react';
import { data, tokensPage, vault, type Project, type TokenRow, type TokenType } from '../api';
import { ConfirmDialog, useConfirm } from '../ui/dialog';
import { SelectField } from '../ui/forms';
import { LoadState, useLoad } from '../ui/load';
import { fmtTime, Pager, Table, timeZone } from '../ui/table';
import { brandLabel, type SearchFilters, TokenSearchForm } from './token-search';

/** A card's expiry as MM/YYYY; nothing for other types. */
function cardExpiry(t: TokenRow): string {
  if (!t.card) return '—';
  const { expirationMonth: m, expirationYear: y } = t.card;
  return `${m.padStart(2, '0')}/${y.length === 2 ? `20${y}` : y}`;
}

/** Metadata as key: value lines (values as JSON unless text). */
function Metadata({ value }: { value: TokenRow['metadata'] }) {
  const entries = Object.entries(value ?? {});
  if (entries.length === 0) return <>—</>;
  return (
    <ul className="meta" data-testid="metadata">
      {entries.map(([k, v]) => (
        <li key={k}>
          <span className="meta-key">{k}</span>: <code>{typeof v === 'string' ? v : JSON.stringify(v)}</code>
        </li>
      ))}
    </ul>
  );
}

export function TokensTab({ project }: { project: Project }) {
  const [type, setType] = useState('');
  const [filters, setFilters] = useState<SearchFilters | null>(null);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1];
  const list = useLoad(() => tokensPage(project.id, type === '' ? undefined : (type as TokenType), filters ?? {}, cursor), [project.id, type, JSON.stringify(filters), cursor]);
  const remove = useConfirm(async (t: TokenRow) => {
    await data(vault.DELETE('/api/tokens/{token}', { params: { path: { token: t.token }, query: { project_id: project.id } } }));
    list.reload();
  });
  // A search the vault refused field by field is shown in its form; rows of an earlier answer are not shown with an error.
  const fieldError = list.error?.code === 'validation_error' ? list.error : null;
  const shown = { ...list, error: fieldError ? null : list.error, data: list.error ? undefined : list.data };
  const empty = filters ? 'No tokens match this search.' : `No tokens${type ? ` of type ${type}` : ''} yet.`;
  return (
    <>
      <h2>Tokens</h2>
      <div className="filters">
        <SelectField
          label="Type"
          name="type"
          value={type}
          onChange={(v) => {
            setType(v);
            setCursors([null]);
          }}
          options={[
            ['', 'All types'],
            ['card', 'Card'],
            ['bank', 'Bank account'],
            ['string', 'String'],
          ]}
        />
      </div>
      {project.role === 'viewer' ? (
        <p className="hint">Searching tokens needs the developer role or above.</p>
      ) : (
        <TokenSearchForm
          error={fieldError}
          busy={list.loading}
          onSearch={(f) => {
            setFilters(f);
            setCursors([null]);
          }}
        />
      )}
      <p className="tz">Times in {timeZone()}.</p>
      <LoadState of={shown} what="tokens" empty={empty} />
      <Table
        caption={filters ? 'Tokens found (masked)' : 'Tokens (masked)'}
        head={['Token', 'Type', 'Masked value', 'Brand', 'Card expiry', 'Metadata', 'Created', 'Expires']}
        actions
        rows={shown.data?.data}
        row={(t) => (
          <tr key={t.token} data-testid="token-row">
            <td>
              <code>{t.token}</code>
            </td>
            <td>{t.type}</td>
            <td data-testid="masked">{Object.values(t.mask).join(' · ')}</td>
            <td data-testid="brand">{brandLabel(t.brand)}</td>
            <td data-testid="card-expiry">{cardExpiry(t)}</td>
            <td>
              <Metadata value={t.metadata} />
            </td>
            <td>{fmtTime(t.created_at)}</td>
            <td>{t.expires_at ? fmtTime(t.expires_at) : 'never'}</td>
            <td>
              <button type="button" className="danger small" onClick={() => remove.ask(t)} aria-label={`Delete token ${t.token}`}>
                Delete
              </button>
            </td>
          </tr>
        )}
      />
      <Pager cursors={cursors} setCursors={setCursors} next={shown.data?.next_cursor ?? null} busy={list.loading} />
      <ConfirmDialog {...remove.dialog} title="Delete this token?" confirmLabel="Delete token">
        <p>
          <code>{remove.item?.token}</code> will no longer detokenize. This cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
