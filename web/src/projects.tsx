// Projects list and the project page with its tabs (applications, tokens, audit log, members,
// traffic, settings). Every call follows API.md §4.2.
import { type FormEvent, useState } from 'react';
import { ApiError, api, type Application, type Environment, type Invitation, type Permissions, type Project } from './api';
import { ApplicationsTab, AuditTab, MembersTab, TokensTab, TrafficTab } from './tabs';
import { Checkbox, ConfirmDialog, Field, FormAlert, Link, LoadError, Loading, LoadState, navigate, SelectField, Submit, TextareaField, useAction, useLoad } from './ui';

export const ENVIRONMENTS: [Environment, string][] = [
  ['development', 'Development'],
  ['staging', 'Staging'],
  ['production', 'Production'],
];

export function ProjectsList() {
  const list = useLoad(() => api.list<Project>('/api/projects', { limit: 200 }), []);
  const [creating, setCreating] = useState(false);
  return (
    <>
      <div className="page-head">
        <h1 id="page-title">Projects</h1>
        {!creating && (
          <button type="button" onClick={() => setCreating(true)}>
            New project
          </button>
        )}
      </div>
      {creating && (
        <CreateProject
          onCancel={() => setCreating(false)}
          onCreated={(p) => {
            setCreating(false);
            navigate(`/projects/${encodeURIComponent(p.id)}`);
          }}
        />
      )}
      <Invitations onAccepted={list.reload} />
      <LoadState of={list} what="projects" empty="You have no projects yet. Create one to get API keys." />
      {list.data && list.data.data.length > 0 && (
        <table>
          <caption className="sr-only">Your projects</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Environment</th>
              <th scope="col">MFA required</th>
              <th scope="col">Your role</th>
            </tr>
          </thead>
          <tbody>
            {list.data.data.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/projects/${encodeURIComponent(p.id)}`}>{p.name}</Link>
                </td>
                <td>{p.environment}</td>
                <td>{p.require_mfa ? 'Yes' : 'No'}</td>
                <td>{p.role ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** Invitations waiting for the signed-in user: membership starts only when they accept. */
function Invitations({ onAccepted }: { onAccepted: () => void }) {
  const list = useLoad(() => api.get<Invitation[]>('/api/user/invitations'), []);
  const act = useAction();
  const [notice, setNotice] = useState('');
  const answer = (inv: Invitation, accept: boolean) =>
    act.run(async () => {
      await api.post(`/api/user/invitations/${encodeURIComponent(inv.id)}/${accept ? 'accept' : 'decline'}`);
      setNotice(accept ? `You joined ${inv.project_name} as ${inv.role}.` : `You declined the invitation to ${inv.project_name}.`);
      list.reload();
      if (accept) onAccepted();
    });
  if (list.error) return <LoadError error={list.error} retry={list.reload} />;
  const pending = list.data ?? [];
  if (pending.length === 0) return notice ? <p role="status">{notice}</p> : null;
  return (
    <section className="panel" aria-labelledby="invitations-title">
      <h2 id="invitations-title">Invitations</h2>
      {notice && <p role="status">{notice}</p>}
      <FormAlert error={act.error} />
      <ul className="plain">
        {pending.map((inv) => (
          <li key={inv.id}>
            <strong>{inv.project_name}</strong> as {inv.role}
            {inv.invited_by ? `, from ${inv.invited_by}` : ''} (until {new Date(inv.expires_at).toLocaleDateString()}){' '}
            <button type="button" className="small" disabled={act.busy} onClick={() => answer(inv, true)} aria-label={`Accept the invitation to ${inv.project_name}`}>
              Accept
            </button>{' '}
            <button type="button" className="secondary small" disabled={act.busy} onClick={() => answer(inv, false)} aria-label={`Decline the invitation to ${inv.project_name}`}>
              Decline
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function CreateProject({ onCreated, onCancel }: { onCreated: (p: Project) => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  const [environment, setEnvironment] = useState<string>('development');
  const [requireMfa, setRequireMfa] = useState(false);
  const { busy, error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => onCreated(await api.post<Project>('/api/projects', { name, environment, require_mfa: requireMfa })));
  };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-label="New project">
      <h2>New project</h2>
      <Field label="Project name" name="name" value={name} onChange={setName} error={error} required autoFocus />
      <SelectField label="Environment" name="environment" value={environment} onChange={setEnvironment} options={ENVIRONMENTS} error={error} />
      <Checkbox label="Require MFA for every member" name="require_mfa" checked={requireMfa} onChange={setRequireMfa} />
      <FormAlert error={error} fields={['name', 'environment', 'require_mfa']} />
      <div className="actions">
        <Submit busy={busy} busyText="Creating…">
          Create project
        </Submit>
        <button type="button" className="secondary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

const TABS: [string, string][] = [
  ['applications', 'Applications'],
  ['tokens', 'Tokens'],
  ['audit', 'Audit log'],
  ['traffic', 'Traffic'],
  ['members', 'Members'],
  ['settings', 'Settings'],
];

export function ProjectPage({ id, tab }: { id: string; tab: string }) {
  const project = useLoad(() => api.get<Project>(`/api/projects/${encodeURIComponent(id)}`), [id]);
  if (project.loading && !project.data) return <Loading what="the project" />;
  if (project.error)
    return (
      <>
        <h1 id="page-title">Project</h1>
        <LoadError error={project.error} retry={project.reload} />
        <p>
          <Link to="/projects">Back to projects</Link>
        </p>
      </>
    );
  const p = project.data!;
  const base = `/projects/${encodeURIComponent(id)}`;
  return (
    <>
      <p className="crumbs">
        <Link to="/projects">Projects</Link> /
      </p>
      <div className="page-head">
        <h1 id="page-title">{p.name}</h1>
        <span className={`badge env-${p.environment}`}>{p.environment}</span>
        {p.require_mfa && <span className="badge">MFA required</span>}
      </div>
      <nav aria-label="Project sections" className="tabs">
        {TABS.map(([key, label]) => (
          <Link key={key} to={`${base}/${key}`} aria-current={tab === key ? 'page' : undefined}>
            {label}
          </Link>
        ))}
      </nav>
      <section aria-label={TABS.find(([k]) => k === tab)?.[1] ?? 'Section'} className="tab-body">
        {tab === 'applications' && <ApplicationsTab project={p} />}
        {tab === 'tokens' && <TokensTab project={p} />}
        {tab === 'audit' && <AuditTab project={p} />}
        {tab === 'traffic' && <TrafficTab project={p} />}
        {tab === 'members' && <MembersTab project={p} />}
        {tab === 'settings' && <ProjectSettings project={p} onSaved={(np) => project.setData(np)} />}
        {!TABS.some(([k]) => k === tab) && <p>Unknown section.</p>}
      </section>
    </>
  );
}

function ProjectSettings({ project, onSaved }: { project: Project; onSaved: (p: Project) => void }) {
  const [environment, setEnvironment] = useState<string>(project.environment);
  const [requireMfa, setRequireMfa] = useState(!!project.require_mfa);
  const [dedup, setDedup] = useState(!!project.deduplicate);
  const [hosts, setHosts] = useState((project.proxy_allowed_hosts ?? []).join('\n'));
  const [origins, setOrigins] = useState((project.elements_origins ?? []).join('\n'));
  const [saved, setSaved] = useState(false);
  const save = useAction();
  const [deleting, setDeleting] = useState(false);
  const [typed, setTyped] = useState('');
  const del = useAction();
  return (
    <>
      <form
        className="panel"
        noValidate
        aria-label="Project settings"
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          void save.run(async () => {
            const body = {
              environment,
              require_mfa: requireMfa,
              deduplicate: dedup,
              proxy_allowed_hosts: hosts.split(/[\s,]+/).map((h) => h.trim()).filter(Boolean),
              elements_origins: origins.split(/[\s,]+/).map((o) => o.trim()).filter(Boolean),
            };
            onSaved({ ...project, ...body, ...(await api.put<Project>(`/api/projects/${encodeURIComponent(project.id)}`, body)) });
            setSaved(true);
          });
        }}
      >
        <h2>Settings</h2>
        <SelectField label="Environment" name="environment" value={environment} onChange={setEnvironment} options={ENVIRONMENTS} error={save.error} />
        <Checkbox label="Require MFA for every member" name="require_mfa" checked={requireMfa} onChange={setRequireMfa} />
        <Checkbox label="Deduplicate tokens (same value, same token)" name="deduplicate" checked={dedup} onChange={setDedup} />
        <TextareaField
          id="proxy-hosts"
          label="Proxy allowed hosts"
          name="proxy_allowed_hosts"
          rows={4}
          value={hosts}
          onChange={setHosts}
          error={save.error?.fieldMessage('proxy_allowed_hosts')}
          hint={
            <>
              One host name per line (<code>*.example.com</code> for its subdomains). The proxy only reaches these hosts.{' '}
              {environment === 'production'
                ? 'A production project sends card data only to hosts on this list: empty refuses every proxy call.'
                : 'Empty allows any public host.'}
            </>
          }
        >
          {environment === 'production' && hosts.trim() === '' && (
            <p className="banner warn" role="status">
              No allowed hosts: the proxy refuses every call of this production project until you add your payment processor's host.
            </p>
          )}
        </TextareaField>
        <TextareaField
          id="elements-origins"
          label="Elements origins"
          name="elements_origins"
          rows={3}
          value={origins}
          onChange={setOrigins}
          error={save.error?.fieldMessage('elements_origins')}
          hint="One origin per line (https://shop.example.com). Only these pages may embed the card fields; http://localhost:* in development projects."
        />
        <FormAlert error={save.error} fields={['environment', 'require_mfa', 'deduplicate', 'proxy_allowed_hosts', 'elements_origins']} />
        {saved && <p role="status">Saved.</p>}
        <Submit busy={save.busy} busyText="Saving…">
          Save settings
        </Submit>
      </form>
      <div className="panel danger-zone">
        <h2>Delete project</h2>
        <p>Deleting destroys the project's data key: every token in it becomes unreadable forever.</p>
        <button type="button" className="danger" onClick={() => setDeleting(true)}>
          Delete project…
        </button>
      </div>
      <ConfirmDialog
        open={deleting}
        title={`Delete project “${project.name}”?`}
        confirmLabel="Delete project forever"
        busy={del.busy}
        error={del.error}
        confirmDisabled={typed !== project.name}
        onCancel={() => {
          setDeleting(false);
          setTyped('');
        }}
        onConfirm={() =>
          del.run(async () => {
            await api.del(`/api/projects/${encodeURIComponent(project.id)}`);
            setDeleting(false);
            navigate('/projects', true);
          })
        }
      >
        <p>This cannot be undone. Type the project name to confirm.</p>
        <Field label="Project name" name="confirm_name" value={typed} onChange={setTyped} autoComplete="off" />
      </ConfirmDialog>
    </>
  );
}

export function permissionsOf(a: Pick<Application, 'permissions'>): string {
  const p = a.permissions ?? ({} as Permissions);
  const tok = !!p.tokenization?.allowed;
  const on = [tok && 'tokenization', (p.detokenization ? p.detokenization.allowed : tok) && 'detokenization', p.provisioning?.allowed && 'provisioning'].filter(Boolean);
  return on.length ? on.join(', ') : 'none';
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
