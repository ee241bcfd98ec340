// A project's settings (environment, MFA, deduplication, token format, proxy hosts, Elements origins) and its
// deletion, confirmed by typing the project's name.
import { useState } from 'react';
import { data, vault, type Environment, type Project } from '../api';
import { ConfirmDialog } from '../ui/dialog';
import { Checkbox, Field, Form, FormAlert, SelectField, Submit, TextareaField } from '../ui/forms';
import { useAction } from '../ui/load';
import { navigate } from '../ui/router';

export const ENVIRONMENTS: [Environment, string][] = [
  ['development', 'Development'],
  ['staging', 'Staging'],
  ['production', 'Production'],
];

type TokenFormat = 'random' | 'uuid' | 'numeric' | 'card_preserving' | 'last4_preserving' | 'fpe';
export const TOKEN_FORMATS: [TokenFormat, string][] = [
  ['random', 'Random (tok_…)'],
  ['uuid', 'UUID'],
  ['numeric', 'Numeric (digits, the value\'s length)'],
  ['card_preserving', 'Card-preserving (first 6 and last 4 kept)'],
  ['last4_preserving', 'Last 4 kept'],
  ['fpe', 'Format-preserving encryption (FF1, deterministic)'],
];

/** One entry a line (commas and spaces separate too). */
const entries = (text: string) => text.split(/[\s,]+/).map((e) => e.trim()).filter(Boolean);

export function ProjectSettings({ project, onSaved }: { project: Project; onSaved: (p: Project) => void }) {
  // The answer's schema says string; the vault only ever stores one of ENVIRONMENTS.
  const [environment, setEnvironment] = useState(project.environment as Environment);
  const [requireMfa, setRequireMfa] = useState(project.require_mfa);
  const [dedup, setDedup] = useState(project.deduplicate);
  // The answer's schema says string; the vault only ever stores one of TOKEN_FORMATS.
  const [format, setFormat] = useState(project.token_format as TokenFormat);
  const [hosts, setHosts] = useState((project.proxy_allowed_hosts ?? []).join('\n'));
  const [origins, setOrigins] = useState(project.elements_origins.join('\n'));
  const [saved, setSaved] = useState(false);
  const save = useAction();
  const [deleting, setDeleting] = useState(false);
  const [typed, setTyped] = useState('');
  const del = useAction();
  return (
    <>
      <Form
        className="panel"
        label="Project settings"
        onSubmit={() => {
          setSaved(false);
          void save.run(async () => {
            const body = { environment, require_mfa: requireMfa, deduplicate: dedup, token_format: format, proxy_allowed_hosts: entries(hosts), elements_origins: entries(origins) };
            onSaved(await data(vault.PUT('/api/projects/{id}', { params: { path: { id: project.id } }, body })));
            setSaved(true);
          });
        }}
      >
        <h2>Settings</h2>
        <SelectField label="Environment" name="environment" value={environment} onChange={setEnvironment} options={ENVIRONMENTS} error={save.error} />
        <Checkbox label="Require MFA for every member" name="require_mfa" checked={requireMfa} onChange={setRequireMfa} />
        <Checkbox label="Deduplicate tokens (same value, same token)" name="deduplicate" checked={dedup} onChange={setDedup} />
        <SelectField label="Default token format" name="token_format" value={format} onChange={setFormat} options={TOKEN_FORMATS} error={save.error} />
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
        <FormAlert error={save.error} fields={['environment', 'require_mfa', 'deduplicate', 'token_format', 'proxy_allowed_hosts', 'elements_origins']} />
        {saved && <p role="status">Saved.</p>}
        <Submit busy={save.busy} busyText="Saving…">
          Save settings
        </Submit>
      </Form>
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
            await data(vault.DELETE('/api/projects/{id}', { params: { path: { id: project.id } } }));
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
