// A project's audit log: the chain's verification badge, filters, and the entries page by page,
// with people and applications by name (from the members and applications lists).
import { useState } from 'react';
import { data, page, vault, type AuditEntry, type Project } from '../api';
import { Field, SelectField } from '../ui/forms';
import { LoadState, useLoad } from '../ui/load';
import { fmtTime, Pager, Table, timeZone } from '../ui/table';

type Names = Map<string, string>;

/**
 * Names for the ids in the log. Either list may be refused (a viewer may not list applications)
 * or fail: then that list is empty and the log shows ids — the page itself never fails for it.
 */
function useNames(project: Project) {
  const people = useLoad(
    () => page(vault.GET('/api/projects/{id}/members', { params: { path: { id: project.id } } })).then((p) => new Map(p.data.map((m) => [m.user_id, m.name || m.email])), () => new Map()),
    [project.id],
  );
  const apps = useLoad(
    () => page(vault.GET('/api/applications', { params: { query: { project_id: project.id } } })).then((p) => new Map(p.data.map((a) => [a.id, a.name])), () => new Map()),
    [project.id],
  );
  return { people: (people.data ?? new Map()) as Names, apps: (apps.data ?? new Map()) as Names };
}

/** Who acted: a person or an application by name, its id underneath; the bare id when unknown. */
function Actor({ entry, people, apps }: { entry: AuditEntry; people: Names; apps: Names }) {
  const id = entry.user_id ?? entry.app_id;
  if (!id) return <>—</>;
  const name = entry.user_id ? people.get(entry.user_id) : apps.get(entry.app_id!);
  const kind = entry.user_id ? 'person' : 'application';
  if (!name) return <code>{id}</code>;
  return (
    <span data-testid="actor">
      {name} <span className="sr-only">({kind})</span>
      <br />
      <code className="id">{id}</code>
    </span>
  );
}

/** A filter by person or application: a list of names when they are known, else the id typed in. */
function IdFilter(p: { label: string; name: string; names: Names; value: string; onChange: (v: string) => void }) {
  if (p.names.size === 0) return <Field label={`${p.label} ID`} name={p.name} value={p.value} onChange={p.onChange} />;
  const options: [string, string][] = [['', 'Any'], ...[...p.names].map(([id, n]): [string, string] => [id, n])];
  if (p.value && !p.names.has(p.value)) options.push([p.value, p.value]);
  return <SelectField label={p.label} name={p.name} value={p.value} onChange={p.onChange} options={options} />;
}

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
  const { people, apps } = useNames(project);
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
        <IdFilter label="Person" name="user_id" names={people} value={draft.user_id} onChange={set('user_id')} />
        <IdFilter label="Application" name="app_id" names={apps} value={draft.app_id} onChange={set('app_id')} />
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
      <p className="tz" data-testid="time-zone">
        Times in {timeZone()}.
      </p>
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
              <Actor entry={a} people={people} apps={apps} />
            </td>
            <td>{a.ip_address ?? '—'}</td>
          </tr>
        )}
      />
      <Pager cursors={cursors} setCursors={setCursors} next={list.data?.next_cursor ?? null} busy={list.loading} />
    </>
  );
}
