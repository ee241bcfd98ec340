// The project page's tabs.
import { type FormEvent, useEffect, useState } from 'react';
import { api, type Application, type AuditEntry, type Invitation, type Member, type Project, type TokenRow } from './api';
import { permissionsOf } from './projects';
import { bucket, type Series } from './traffic';
import { Checkbox, ConfirmDialog, CopyButton, Field, fmtTime, FormAlert, LoadState, SelectField, Submit, useAction, useLoad } from './ui';

const pid = (p: Project) => encodeURIComponent(p.id);

// ---------------- applications ----------------
export function ApplicationsTab({ project }: { project: Project }) {
  const list = useLoad(() => api.list<Application>('/api/applications', { project_id: project.id, limit: 200 }), [project.id]);
  const [name, setName] = useState('');
  const [tok, setTok] = useState(true);
  const [detok, setDetok] = useState(true);
  const [prov, setProv] = useState(false);
  const [created, setCreated] = useState<Application | null>(null);
  const create = useAction();
  const [victim, setVictim] = useState<Application | null>(null);
  const del = useAction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void create.run(async () => {
      const app = await api.post<Application>('/api/applications', {
        project_id: project.id,
        name,
        permissions: { tokenization: { allowed: tok }, detokenization: { allowed: detok }, provisioning: { allowed: prov } },
      });
      setCreated(app);
      setName('');
      list.reload();
    });
  };

  return (
    <>
      <h2>Applications</h2>
      <p>Each application has its own secret API key. To rotate a key, create a new application, switch to it, then delete the old one.</p>
      {created && (
        <div className="panel secret" role="region" aria-label="New application keys">
          <h3>Keys for “{created.name}”</h3>
          <p className="warn-text">
            <strong>Copy the secret API key now.</strong> It is shown only this once; the vault keeps only its hash.
          </p>
          <dl>
            <dt>Secret API key (X-API-Key)</dt>
            <dd>
              <code data-testid="api-key">{created.api_key}</code> <CopyButton text={created.api_key ?? ''} label="Copy secret API key" />
            </dd>
            <dt>Pub key (X-Pub-Key)</dt>
            <dd>
              <code data-testid="pub-key">{created.pub_key}</code> <CopyButton text={created.pub_key ?? ''} label="Copy pub key" />
            </dd>
          </dl>
          <button type="button" onClick={() => setCreated(null)}>
            I have stored the key
          </button>
        </div>
      )}
      <form className="panel" onSubmit={submit} noValidate aria-label="New application">
        <h3>New application</h3>
        <Field label="Application name" name="name" codes={['conflict']} hint="3 to 50 characters." value={name} onChange={setName} error={create.error} required minLength={3} maxLength={50} />
        <fieldset>
          <legend>Permissions</legend>
          <Checkbox label="Tokenization (tokenize, test tokens, proxy)" name="tokenization" checked={tok} onChange={setTok} />
          <Checkbox label="Detokenization" name="detokenization" checked={detok} onChange={setDetok} />
          <Checkbox label="Provisioning" name="provisioning" checked={prov} onChange={setProv} />
        </fieldset>
        <FormAlert error={create.error} fields={['name', 'permissions']} codes={['conflict']} />
        <Submit busy={create.busy} busyText="Creating…">
          Create application
        </Submit>
      </form>
      <LoadState of={list} what="applications" empty="No applications yet." />
      {list.data && list.data.data.length > 0 && (
        <table>
          <caption className="sr-only">Applications</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Key</th>
              <th scope="col">Pub key</th>
              <th scope="col">Permissions</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.data.map((a) => (
              <tr key={a.id}>
                <td>{a.name}</td>
                <td>
                  <code>{a.key_prefix ?? a.api_key_prefix ?? '—'}</code>
                </td>
                <td>
                  <code className="truncate">{a.pub_key ?? '—'}</code>
                </td>
                <td>{permissionsOf(a)}</td>
                <td>{fmtTime(a.created_at)}</td>
                <td>
                  <button type="button" className="danger small" onClick={() => setVictim(a)} aria-label={`Delete application ${a.name}`}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        open={!!victim}
        title={`Delete application “${victim?.name ?? ''}”?`}
        confirmLabel={`Delete ${victim?.name ?? ''}`}
        busy={del.busy}
        error={del.error}
        onCancel={() => setVictim(null)}
        onConfirm={() =>
          del.run(async () => {
            await api.del(`/api/applications/${encodeURIComponent(victim!.id)}`);
            setVictim(null);
            list.reload();
          })
        }
      >
        <p>Its API key stops working on every node within a second. Tokens it created stay in the project.</p>
      </ConfirmDialog>
    </>
  );
}

// ---------------- tokens ----------------
export function maskOf(t: TokenRow): string {
  const mask = t.mask as Record<string, string> | undefined;
  if (mask && typeof mask === 'object') return Object.values(mask).join(' · ');
  if (typeof t.masked === 'string') return t.masked;
  if (typeof t.last4 === 'string') return `•••• ${t.last4}`;
  return '—';
}

export function TokensTab({ project }: { project: Project }) {
  const [type, setType] = useState('');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1];
  const list = useLoad(() => api.list<TokenRow>('/api/tokens', { project_id: project.id, type, limit: 50, cursor }), [project.id, type, cursor]);
  const [victim, setVictim] = useState<TokenRow | null>(null);
  const del = useAction();
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
      <LoadState of={list} what="tokens" empty={`No tokens${type ? ` of type ${type}` : ''} yet.`} />
      {list.data && list.data.data.length > 0 && (
        <table>
          <caption className="sr-only">Tokens (masked)</caption>
          <thead>
            <tr>
              <th scope="col">Token</th>
              <th scope="col">Type</th>
              <th scope="col">Masked value</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.data.map((t) => (
              <tr key={t.token}>
                <td>
                  <code>{t.token}</code>
                </td>
                <td>{t.type}</td>
                <td data-testid="masked">{maskOf(t)}</td>
                <td>{fmtTime(t.created_at)}</td>
                <td>{t.expires_at ? fmtTime(t.expires_at) : 'never'}</td>
                <td>
                  <button type="button" className="danger small" onClick={() => setVictim(t)} aria-label={`Delete token ${t.token}`}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager cursors={cursors} setCursors={setCursors} next={list.data?.next_cursor ?? null} busy={list.loading} />
      <ConfirmDialog
        open={!!victim}
        title="Delete this token?"
        confirmLabel="Delete token"
        busy={del.busy}
        error={del.error}
        onCancel={() => setVictim(null)}
        onConfirm={() =>
          del.run(async () => {
            await api.del(`/api/tokens/${encodeURIComponent(victim!.token)}`);
            setVictim(null);
            list.reload();
          })
        }
      >
        <p>
          <code>{victim?.token}</code> will no longer detokenize. This cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  );
}

function Pager({ cursors, setCursors, next, busy }: { cursors: (string | null)[]; setCursors: (c: (string | null)[]) => void; next: string | null; busy: boolean }) {
  if (cursors.length === 1 && !next) return null;
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="secondary" disabled={busy || cursors.length === 1} onClick={() => setCursors(cursors.slice(0, -1))}>
        Previous page
      </button>
      <span>Page {cursors.length}</span>
      <button type="button" className="secondary" disabled={busy || !next} onClick={() => setCursors([...cursors, next])}>
        Next page
      </button>
    </nav>
  );
}

// ---------------- audit log ----------------
export function VerifiedBadge({ project }: { project: Project }) {
  const v = useLoad(() => api.get<{ valid: boolean; entries: number; head_hash?: string; first_bad_seq?: number }>('/api/audit-logs/verify', { project_id: project.id }), [project.id]);
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

export function AuditTab({ project }: { project: Project }) {
  const empty = { event_type: '', action: '', user_id: '', app_id: '', from: '', to: '' };
  const [draft, setDraft] = useState(empty);
  const [filters, setFilters] = useState(empty);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1];
  const toIso = (s: string) => (s ? new Date(s).toISOString() : '');
  const list = useLoad(
    () => api.list<AuditEntry>('/api/audit-logs', { project_id: project.id, ...filters, from: toIso(filters.from), to: toIso(filters.to), limit: 50, cursor }),
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
        <SelectField
          label="Event type"
          name="event_type"
          value={draft.event_type}
          onChange={set('event_type')}
          options={[
            ['', 'Any'],
            ['token', 'Token'],
            ['proxy', 'Proxy'],
            ['application', 'Application'],
            ['project', 'Project'],
            ['member', 'Member'],
          ]}
        />
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
      {list.data && list.data.data.length > 0 && (
        <table>
          <caption className="sr-only">Audit entries</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Time</th>
              <th scope="col">Event</th>
              <th scope="col">Action</th>
              <th scope="col">Outcome</th>
              <th scope="col">Resource</th>
              <th scope="col">Actor</th>
              <th scope="col">IP</th>
            </tr>
          </thead>
          <tbody>
            {list.data.data.map((a) => (
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
            ))}
          </tbody>
        </table>
      )}
      <Pager cursors={cursors} setCursors={setCursors} next={list.data?.next_cursor ?? null} busy={list.loading} />
    </>
  );
}

// ---------------- traffic (charts) ----------------
const MAX_PAGES = 20;

export function TrafficTab({ project }: { project: Project }) {
  const [now] = useState(() => Date.now());
  const data = useLoad(async () => {
    const from = new Date(now - 24 * 3_600_000).toISOString();
    const all: AuditEntry[] = [];
    let cursor: string | null = null;
    let truncated = false;
    for (let i = 0; i < MAX_PAGES; i++) {
      const page: { data: AuditEntry[]; next_cursor: string | null } = await api.list<AuditEntry>('/api/audit-logs', { project_id: project.id, from, limit: 200, cursor });
      all.push(...page.data);
      cursor = page.next_cursor;
      if (!cursor) break;
      if (i === MAX_PAGES - 1) truncated = true;
    }
    return { rows: bucket(all, now), truncated };
  }, [project.id]);
  return (
    <>
      <h2>Traffic, last 24 hours</h2>
      <LoadState of={data} what="traffic" />
      {data.data && <Chart rows={data.data.rows} />}
      {data.data?.truncated && <p className="hint">Only the most recent {MAX_PAGES * 200} entries are counted.</p>}
    </>
  );
}

const COLORS: Record<Series, string> = { tokenize: '#1d4ed8', detokenize: '#b45309', proxy: '#047857' };

function Chart({ rows }: { rows: ReturnType<typeof bucket> }) {
  const series: Series[] = ['tokenize', 'detokenize', 'proxy'];
  const totals = Object.fromEntries(series.map((s) => [s, rows.reduce((n, r) => n + r[s], 0)])) as Record<Series, number>;
  const max = Math.max(1, ...rows.map((r) => r.tokenize + r.detokenize + r.proxy));
  const W = 720;
  const H = 200;
  const barW = W / 24;
  const label = (t: number) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H + 24}`} role="img" aria-labelledby="chart-title chart-desc" width="100%">
        <title id="chart-title">Calls per hour</title>
        <desc id="chart-desc">
          Stacked bars for the last 24 hours: {totals.tokenize} tokenize, {totals.detokenize} detokenize and {totals.proxy} proxy calls; the busiest hour had {max === 1 && !rows.some((r) => r.tokenize + r.detokenize + r.proxy) ? 0 : max}.
        </desc>
        <line x1="0" y1={H} x2={W} y2={H} stroke="#6b7280" />
        {rows.map((r, i) => {
          let y = H;
          return (
            <g key={r.start}>
              {series.map((s) => {
                const h = (r[s] / max) * (H - 10);
                y -= h;
                return r[s] > 0 ? <rect key={s} x={i * barW + 2} y={y} width={barW - 4} height={h} fill={COLORS[s]} /> : null;
              })}
              {i % 4 === 0 && (
                <text x={i * barW + 2} y={H + 16} fontSize="11" fill="#374151">
                  {label(r.start)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="legend">
          {series.map((s) => (
            <li key={s}>
              <svg width="12" height="12" aria-hidden="true">
                <rect width="12" height="12" fill={COLORS[s]} />
              </svg>{' '}
              {s}: <span data-testid={`total-${s}`}>{totals[s]}</span>
            </li>
          ))}
        </ul>
      </figcaption>
      <details>
        <summary>Show as a table</summary>
        <table>
          <caption className="sr-only">Calls per hour</caption>
          <thead>
            <tr>
              <th scope="col">Hour starting</th>
              <th scope="col">Tokenize</th>
              <th scope="col">Detokenize</th>
              <th scope="col">Proxy</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.start}>
                <td>{label(r.start)}</td>
                <td>{r.tokenize}</td>
                <td>{r.detokenize}</td>
                <td>{r.proxy}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

// ---------------- members ----------------
const ROLES: [string, string][] = [
  ['viewer', 'Viewer'],
  ['developer', 'Developer'],
  ['admin', 'Admin'],
  ['owner', 'Owner'],
];

export function MembersTab({ project }: { project: Project }) {
  const list = useLoad(() => api.list<Member>(`/api/projects/${pid(project)}/members`, { limit: 200 }), [project.id]);
  const invitations = useLoad(() => api.get<Invitation[]>(`/api/projects/${pid(project)}/invitations`), [project.id]);
  const withdraw = useAction();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('developer');
  const invite = useAction();
  const change = useAction();
  const [victim, setVictim] = useState<Member | null>(null);
  const del = useAction();
  const [notice, setNotice] = useState('');
  useEffect(() => setNotice(''), [project.id]);
  return (
    <>
      <h2>Members</h2>
      <form
        className="panel"
        noValidate
        aria-label="Invite a member"
        onSubmit={(e) => {
          e.preventDefault();
          void invite.run(async () => {
            await api.post(`/api/projects/${pid(project)}/members`, { email, role });
            setNotice(`An invitation to join as ${role} was sent to ${email}. They become a member once they accept it.`);
            setEmail('');
            invitations.reload();
          });
        }}
      >
        <h3>Invite by email</h3>
        <Field label="Email" name="email" type="email" value={email} onChange={setEmail} error={invite.error} required />
        <SelectField label="Role" name="role" value={role} onChange={setRole} options={ROLES} error={invite.error} />
        <FormAlert error={invite.error} fields={['email', 'role']} />
        <Submit busy={invite.busy} busyText="Inviting…">
          Invite
        </Submit>
      </form>
      {notice && <p role="status">{notice}</p>}
      {invitations.data && invitations.data.length > 0 && (
        <section className="panel" aria-labelledby="pending-title">
          <h3 id="pending-title">Pending invitations</h3>
          <FormAlert error={withdraw.error} />
          <ul className="plain">
            {invitations.data.map((inv) => (
              <li key={inv.id}>
                {inv.email} as {inv.role} (until {new Date(inv.expires_at).toLocaleDateString()}){' '}
                <button
                  type="button"
                  className="secondary small"
                  disabled={withdraw.busy}
                  aria-label={`Withdraw the invitation of ${inv.email}`}
                  onClick={() =>
                    withdraw.run(async () => {
                      await api.del(`/api/projects/${pid(project)}/invitations/${encodeURIComponent(inv.id)}`);
                      invitations.reload();
                    })
                  }
                >
                  Withdraw
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <FormAlert error={change.error} />
      <LoadState of={list} what="members" empty="No members." />
      {list.data && list.data.data.length > 0 && (
        <table>
          <caption className="sr-only">Members</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.data.map((m) => (
              <tr key={m.user_id}>
                <td>{m.name || '—'}</td>
                <td>{m.email}</td>
                <td>
                  <label className="sr-only" htmlFor={`role-${m.user_id}`}>
                    Role of {m.email}
                  </label>
                  <select
                    id={`role-${m.user_id}`}
                    value={m.role}
                    disabled={change.busy}
                    onChange={(e) => {
                      const r = e.target.value;
                      void change.run(async () => {
                        await api.put(`/api/projects/${pid(project)}/members/${encodeURIComponent(m.user_id)}`, { role: r });
                        list.reload();
                      });
                    }}
                  >
                    {ROLES.map(([v, l]) => (
                      <option key={v} value={v}>
                        {l}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button type="button" className="danger small" onClick={() => setVictim(m)} aria-label={`Remove ${m.email}`}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        open={!!victim}
        title={`Remove ${victim?.email ?? ''} from ${project.name}?`}
        confirmLabel="Remove member"
        busy={del.busy}
        error={del.error}
        onCancel={() => setVictim(null)}
        onConfirm={() =>
          del.run(async () => {
            await api.del(`/api/projects/${pid(project)}/members/${encodeURIComponent(victim!.user_id)}`);
            setVictim(null);
            list.reload();
          })
        }
      >
        <p>They lose access to this project immediately.</p>
      </ConfirmDialog>
    </>
  );
}
