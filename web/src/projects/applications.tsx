// A project's applications: create one (its secret API key shown once), list them by key prefix,
// delete one.
import { useState } from 'react';
import { data, page, vault, type Application, type Body, type NewApplication, type Project } from '../api';
import { ConfirmDialog, useConfirm } from '../ui/dialog';
import { Checkbox, CopyButton, Field, Form, FormAlert, Submit } from '../ui/forms';
import { LoadState, useAction, useLoad } from '../ui/load';
import { fmtTime, Table } from '../ui/table';

/** The rights an application has, in words. An absent `detokenization` follows `tokenization`. */
function permissionsOf({ permissions: p }: Application): string {
  const tok = !!p.tokenization?.allowed;
  const on = [tok && 'tokenization', (p.detokenization ? p.detokenization.allowed : tok) && 'detokenization', p.provisioning?.allowed && 'provisioning'].filter(Boolean);
  return on.length ? on.join(', ') : 'none';
}

export function ApplicationsTab({ project }: { project: Project }) {
  const list = useLoad(() => page(vault.GET('/api/applications', { params: { query: { project_id: project.id } } })), [project.id]);
  const [name, setName] = useState('');
  const [tok, setTok] = useState(true);
  const [detok, setDetok] = useState(true);
  const [prov, setProv] = useState(false);
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
      permissions: { tokenization: { allowed: tok }, detokenization: { allowed: detok }, provisioning: { allowed: prov } },
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
      </Form>
      <LoadState of={list} what="applications" empty="No applications yet." />
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
            <td>
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
