// A project's applications: create one (its secret API key shown once), list them by key prefix,
// change an application's permissions, delete one. Detokenization is off unless asked for: most
// applications only ever tokenize.
import { useState } from 'react';
import { data, page, vault, type Application, type Body, type NewApplication, type Project } from '../api';
import { ConfirmDialog, useConfirm } from '../ui/dialog';
import { Checkbox, CopyButton, Field, Form, FormAlert, Submit } from '../ui/forms';
import { LoadState, useAction, useLoad } from '../ui/load';
import { fmtTime, Table } from '../ui/table';

type Perms = { tok: boolean; detok: boolean; prov: boolean };

/** An application's rights as three flags. An absent `detokenization` follows `tokenization`. */
function flagsOf({ permissions: p }: Application): Perms {
  const tok = !!p.tokenization?.allowed;
  return { tok, detok: p.detokenization ? p.detokenization.allowed : tok, prov: !!p.provisioning?.allowed };
}

/** The rights an application has, in words. */
function permissionsOf(a: Application): string {
  const f = flagsOf(a);
  const on = [f.tok && 'tokenization', f.detok && 'detokenization', f.prov && 'provisioning'].filter(Boolean);
  return on.length ? on.join(', ') : 'none';
}

/** The wire shape, every permission spelled out (so none silently follows another). */
const wire = (f: Perms) => ({ tokenization: { allowed: f.tok }, detokenization: { allowed: f.detok }, provisioning: { allowed: f.prov } });

function PermissionBoxes({ value, onChange }: { value: Perms; onChange: (p: Perms) => void }) {
  return (
    <fieldset>
      <legend>Permissions</legend>
      <Checkbox label="Tokenization (tokenize, test tokens, proxy)" name="tokenization" checked={value.tok} onChange={(tok) => onChange({ ...value, tok })} />
      <Checkbox
        label="Detokenization"
        name="detokenization"
        hint="Reveals card numbers to this application's key: grant it only to a back end that must see them."
        checked={value.detok}
        onChange={(detok) => onChange({ ...value, detok })}
      />
      <Checkbox label="Provisioning" name="provisioning" checked={value.prov} onChange={(prov) => onChange({ ...value, prov })} />
    </fieldset>
  );
}

/** PUT /api/applications/:id with new permissions; every node drops the cached key at commit. */
function EditPermissions({ app, onDone, onCancel }: { app: Application; onDone: () => void; onCancel: () => void }) {
  const [flags, setFlags] = useState(flagsOf(app));
  const save = useAction();
  return (
    <Form
      className="panel app-edit"
      label={`Permissions of ${app.name}`}
      onSubmit={() =>
        void save.run(async () => {
          await data(vault.PUT('/api/applications/{id}', { params: { path: { id: app.id } }, body: { permissions: wire(flags) } }));
          onDone();
        })
      }
    >
      <h3>Permissions of “{app.name}”</h3>
      <p className="hint">The key keeps working; the new rights apply to its next request.</p>
      <PermissionBoxes value={flags} onChange={setFlags} />
      <FormAlert error={save.error} fields={['permissions']} />
      <div className="actions">
        <Submit busy={save.busy} busyText="Saving…">
          Save permissions
        </Submit>
        <button type="button" className="secondary" onClick={onCancel} disabled={save.busy}>
          Cancel
        </button>
      </div>
    </Form>
  );
}

export function ApplicationsTab({ project }: { project: Project }) {
  const list = useLoad(() => page(vault.GET('/api/applications', { params: { query: { project_id: project.id } } })), [project.id]);
  const [name, setName] = useState('');
  const [perms, setPerms] = useState<Perms>({ tok: true, detok: false, prov: false });
  const [editing, setEditing] = useState<Application | null>(null);
  const [notice, setNotice] = useState('');
  const [created, setCreated] = useState<NewApplication | null>(null);
  const create = useAction();
  const remove = useConfirm(async (a: Application) => {
    await data(vault.DELETE('/api/applications/{id}', { params: { path: { id: a.id } } }));
    list.reload();
  });

  const submit = () => {
    const body: Body<'/api/applications', 'post'> = {
      project_id: project.id,
      name,
      permissions: wire(perms),
    };
    void create.run(async () => {
      setCreated(await data(vault.POST('/api/applications', { body })));
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
              <code data-testid="api-key">{created.api_key}</code> <CopyButton text={created.api_key} label="Copy secret API key" />
            </dd>
            <dt>Pub key (X-Pub-Key)</dt>
            <dd>
              <code data-testid="pub-key">{created.pub_key}</code> <CopyButton text={created.pub_key} label="Copy pub key" />
            </dd>
          </dl>
          <button type="button" onClick={() => setCreated(null)}>
            I have stored the key
          </button>
        </div>
      )}
      <Form className="panel" onSubmit={submit} label="New application">
        <h3>New application</h3>
        <Field label="Application name" name="name" codes={['conflict']} hint="3 to 50 characters." value={name} onChange={setName} error={create.error} required minLength={3} maxLength={50} />
        <PermissionBoxes value={perms} onChange={setPerms} />
        <FormAlert error={create.error} fields={['name', 'permissions']} codes={['conflict']} />
        <Submit busy={create.busy} busyText="Creating…">
          Create application
        </Submit>
      </Form>
      <LoadState of={list} what="applications" empty="No applications yet." />
      {notice && <p role="status">{notice}</p>}
      {editing && (
        <EditPermissions
          key={editing.id}
          app={editing}
          onCancel={() => setEditing(null)}
          onDone={() => {
            setNotice(`Permissions of ${editing.name} saved.`);
            setEditing(null);
            list.reload();
          }}
        />
      )}
      <Table
        caption="Applications"
        head={['Name', 'Key', 'Pub key', 'Permissions', 'Created']}
        actions
        rows={list.data?.data}
        row={(a) => (
          <tr key={a.id}>
            <td>{a.name}</td>
            <td>
              <code>{a.key_prefix}</code>
            </td>
            <td>
              <code className="truncate">{a.pub_key}</code>
            </td>
            <td>{permissionsOf(a)}</td>
            <td>{fmtTime(a.created_at)}</td>
            <td className="row-actions">
              <button
                type="button"
                className="secondary small"
                onClick={() => {
                  setNotice('');
                  setEditing(a);
                }}
                aria-label={`Edit permissions of ${a.name}`}
              >
                Edit permissions
              </button>{' '}
              <button type="button" className="danger small" onClick={() => remove.ask(a)} aria-label={`Delete application ${a.name}`}>
                Delete
              </button>
            </td>
          </tr>
        )}
      />
      <ConfirmDialog {...remove.dialog} title={`Delete application “${remove.item?.name ?? ''}”?`} confirmLabel={`Delete ${remove.item?.name ?? ''}`}>
        <p>Its API key stops working on every node within a second. Tokens it created stay in the project.</p>
      </ConfirmDialog>
    </>
  );
}
