// A project's audit log: the chain's verification badge, filters, and the entries page by page.
import { useState } from 'react';
import { data, page, vault, type Project } from '../api';
import { Field, SelectField } from '../ui/forms';
import { LoadState, useLoad } from '../ui/load';
import { fmtTime, Pager, Table } from '../ui/table';

function VerifiedBadge({ project }: { project: Project }) {
  const v = useLoad(() => data(vault.GET('/api/audit-logs/verify', { params: { query: { project_id: project.id } } })), [project.id]);
  if (v.loading) return <span className="badge" role="status">Verifying chain…</span>;
  if (v.error) return <span className="badge bad" role="status">Chain not verified: {v.error.message}</span>;
  return v.data!.valid ? (
    <span className="badge ok" role="status" data-testid="chain-badge">
      ✓ Chain verified ({v.data!.entries} entries)
    </span>
  ) : (
    <span className="badge bad" role="status" data-testid="chain-badge">
      ✗ Chain broken at entry {v.data!.first_bad_seq ?? '?'}
    </span>
  );
}

const EVENT_TYPES: [string, string][] = [
  ['', 'Any'],
  ['token', 'Token'],
  ['proxy', 'Proxy'],
  ['application', 'Application'],
  ['project', 'Project'],
  ['member', 'Member'],
];

export function AuditTab({ project }: { project: Project }) {
  const empty = { event_type: '', action: '', user_id: '', app_id: '', from: '', to: '' };
  const [draft, setDraft] = useState(empty);
  const [filters, setFilters] = useState(empty);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1];
  const toIso = (s: string) => (s ? new Date(s).toISOString() : '');
  const list = useLoad(
    () => page(vault.GET('/api/audit-logs', { params: { query: { project_id: project.id, ...filters, from: toIso(filters.from), to: toIso(filters.to), limit: 50, cursor: cursor ?? undefined } } })),
    [project.id, JSON.stringify(filters), cursor],
  );
  const set = (k: keyof typeof empty) => (v: string) => setDraft({ ...draft, [k]: v });
  return (
    <>
      <div className="page-head">
        <h2>Audit log</h2>
        <VerifiedBadge project={project} />
      </div>
      <form
        className="filters"
        aria-label="Audit log filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
          setCursors([null]);
        }}
      >
        <SelectField label="Event type" name="event_type" value={draft.event_type} onChange={set('event_type')} options={EVENT_TYPES} />
        <Field label="Action" name="action" value={draft.action} onChange={set('action')} error={list.error} />
        <Field label="User ID" name="user_id" value={draft.user_id} onChange={set('user_id')} error={list.error} />
        <Field label="Application ID" name="app_id" value={draft.app_id} onChange={set('app_id')} error={list.error} />
        <Field label="From" name="from" type="datetime-local" value={draft.from} onChange={set('from')} error={list.error} />
        <Field label="To" name="to" type="datetime-local" value={draft.to} onChange={set('to')} error={list.error} />
        <div className="actions">
          <button type="submit" disabled={list.loading}>
            Apply filters
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setDraft(empty);
              setFilters(empty);
              setCursors([null]);
            }}
          >
            Clear
          </button>
        </div>
      </form>
      <LoadState of={list} what="audit entries" empty="No audit entries match." />
      <Table
        caption="Audit entries"
        head={['#', 'Time', 'Event', 'Action', 'Outcome', 'Resource', 'Actor', 'IP']}
        rows={list.data?.data}
        row={(a) => (
          <tr key={a.id} data-testid="audit-row">
            <td>{a.seq ?? '…'}</td>
            <td>{fmtTime(a.created_at)}</td>
            <td>{a.event_type}</td>
            <td>{a.action}</td>
            <td className={a.outcome === 'success' ? '' : 'bad-text'}>{a.outcome}</td>
            <td>
              <code>{a.resource_id ?? a.resource_type ?? '—'}</code>
            </td>
            <td>
              <code>{a.user_id ?? a.app_id ?? '—'}</code>
            </td>
            <td>{a.ip_address ?? '—'}</td>
          </tr>
        )}
      />
      <Pager cursors={cursors} setCursors={setCursors} next={list.data?.next_cursor ?? null} busy={list.loading} />
    </>
  );
}
