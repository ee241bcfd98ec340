// The projects list: your projects with your role in each, the invitations waiting for you, and
// a new project.
import { useState } from 'react';
import { data, page, vault, type Body, type Environment, type Invitation, type Project } from '../api';
import { Checkbox, Field, Form, FormAlert, SelectField, Submit } from '../ui/forms';
import { LoadError, LoadState, useAction, useLoad } from '../ui/load';
import { Link, navigate } from '../ui/router';
import { Table } from '../ui/table';
import { ENVIRONMENTS } from './settings';

export function ProjectsList() {
  const list = useLoad(() => page(vault.GET('/api/projects', { params: { query: { limit: 200 } } })), []);
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
      <Table
        caption="Your projects"
        head={['Name', 'Environment', 'MFA required', 'Your role']}
        rows={list.data?.data}
        row={(p) => (
          <tr key={p.id}>
            <td>
              <Link to={`/projects/${encodeURIComponent(p.id)}`}>{p.name}</Link>
            </td>
            <td>{p.environment}</td>
            <td>{p.require_mfa ? 'Yes' : 'No'}</td>
            <td>{p.role}</td>
          </tr>
        )}
      />
    </>
  );
}

/** Invitations waiting for the signed-in user: membership starts only when they accept. */
function Invitations({ onAccepted }: { onAccepted: () => void }) {
  const list = useLoad(() => data(vault.GET('/api/user/invitations')), []);
  const act = useAction();
  const [notice, setNotice] = useState('');
  const answer = (inv: Invitation, accept: boolean) =>
    act.run(async () => {
      const call = { params: { path: { id: inv.id } } };
      await data(accept ? vault.POST('/api/user/invitations/{id}/accept', call) : vault.POST('/api/user/invitations/{id}/decline', call));
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
  const [environment, setEnvironment] = useState<Environment>('development');
  const [requireMfa, setRequireMfa] = useState(false);
  const { busy, error, run } = useAction();
  const submit = () => {
    const body: Body<'/api/projects', 'post'> = { name, environment, require_mfa: requireMfa };
    void run(async () => onCreated(await data(vault.POST('/api/projects', { body }))));
  };
  return (
    <Form className="panel" onSubmit={submit} label="New project">
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
    </Form>
  );
}
