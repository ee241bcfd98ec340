// A project's tokens, masked, by type and page; deleting one.
import { useState } from 'react';
import { data, page, vault, type Project, type TokenRow, type TokenType } from '../api';
import { ConfirmDialog, useConfirm } from '../ui/dialog';
import { SelectField } from '../ui/forms';
import { LoadState, useLoad } from '../ui/load';
import { fmtTime, Pager, Table, timeZone } from '../ui/table';

export function TokensTab({ project }: { project: Project }) {
  const [type, setType] = useState('');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1];
  const list = useLoad(() => page(vault.GET('/api/tokens', { params: { query: { project_id: project.id, type: type === '' ? undefined : (type as TokenType), limit: 50, cursor: cursor ?? undefined } } })), [project.id, type, cursor]);
  const remove = useConfirm(async (t: TokenRow) => {
    await data(vault.DELETE('/api/tokens/{token}', { params: { path: { token: t.token }, query: { project_id: project.id } } }));
    list.reload();
  });
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
      <p className="tz">Times in {timeZone()}.</p>
      <LoadState of={list} what="tokens" empty={`No tokens${type ? ` of type ${type}` : ''} yet.`} />
      <Table
        caption="Tokens (masked)"
        head={['Token', 'Type', 'Masked value', 'Created', 'Expires']}
        actions
        rows={list.data?.data}
        row={(t) => (
          <tr key={t.token}>
            <td>
              <code>{t.token}</code>
            </td>
            <td>{t.type}</td>
            <td data-testid="masked">{Object.values(t.mask).join(' · ')}</td>
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
      <Pager cursors={cursors} setCursors={setCursors} next={list.data?.next_cursor ?? null} busy={list.loading} />
      <ConfirmDialog {...remove.dialog} title="Delete this token?" confirmLabel="Delete token">
        <p>
          <code>{remove.item?.token}</code> will no longer detokenize. This cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
