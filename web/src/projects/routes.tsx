// A project's inbound routes (docs/proxy.md, "Inbound routes"): a partner sends raw card data to
// the route's public URL, the vault tokenizes the fields it names and forwards the request to the
// merchant's upstream with tokens in place. Every member reads the list; admins and owners create
// and delete routes (the API refuses anyone else).
import { useState } from 'react';
import { ApiError, data, type InboundRoute, managesIntegrations, type Project, type RouteField, type TokenType, vault } from '../api';
import { ConfirmDialog, useConfirm } from '../ui/dialog';
import { Checkbox, CopyButton, Field, Form, FormAlert, SelectField, Submit } from '../ui/forms';
import { LoadState, useAction, useLoad } from '../ui/load';
import { fmtTime, Table } from '../ui/table';

type ContentType = 'json' | 'form';
type Format = NonNullable<RouteField['format']>;

const TYPES: Record<TokenType, string> = { card: 'Card', bank: 'Bank account', string: 'String' };
const FORMATS: Record<Format, string> = {
  random: 'random (default)',
  uuid: 'uuid',
  numeric: 'numeric',
  card_preserving: 'card_preserving',
  last4_preserving: 'last4_preserving',
  fpe: 'fpe',
};
const options = <T extends string>(r: Record<T, string>) => Object.entries(r) as [T, string][];

/** One field row of the form; `dataFields` as typed ("cardNumber=number, expirationMonth=exp_month"). */
interface FieldRow {
  path: string;
  type: TokenType;
  format: Format;
  dataFields: string;
  required: boolean;
}
const blankRow = (contentType: ContentType): FieldRow => ({ path: contentType === 'json' ? '$.card' : 'card', type: 'card', format: 'random', dataFields: '', required: true });

/** The row as the API takes it; a malformed data-fields entry is reported on that row's field. */
function wireField(r: FieldRow, i: number): RouteField {
  const field: RouteField = { path: r.path.trim(), type: r.type };
  if (r.format !== 'random') field.format = r.format;
  if (!r.required) field.required = false;
  const pairs = r.dataFields.split(',').map((s) => s.trim()).filter(Boolean);
  if (pairs.length > 0) {
    const map: Record<string, string> = {};
    for (const pair of pairs) {
      const m = /^([^=\s]+)\s*=\s*(\S+)$/.exec(pair);
      if (!m) throw new ApiError(400, 'validation_error', 'Please correct the highlighted fields.', [{ path: `/fields/${i}/data_fields`, message: 'must be entries like cardNumber=number, separated by commas' }]);
      map[m[1]] = m[2];
    }
    field.data_fields = map;
  }
  return field;
}

function describeField(f: RouteField): string {
  const extra = [f.format && f.format !== 'random' ? f.format : '', f.required === false ? 'optional' : ''].filter(Boolean);
  const props = f.data_fields ? ` {${Object.entries(f.data_fields).map(([k, v]) => `${k}=${v}`).join(', ')}}` : '';
  return `${f.path} → ${f.type}${extra.length ? ` (${extra.join(', ')})` : ''}${props}`;
}

function FieldRows({ rows, setRows, contentType, error }: { rows: FieldRow[]; setRows: (r: FieldRow[]) => void; contentType: ContentType; error: ApiError | null }) {
  const set = (i: number, patch: Partial<FieldRow>) => setRows(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  return (
    <fieldset>
      <legend>Fields to tokenize</legend>
      {rows.map((r, i) => (
        <fieldset key={i} className="route-field">
          <legend>Field {i + 1}</legend>
          <Field
            label={contentType === 'json' ? `JSONPath of field ${i + 1}` : `Form field name of field ${i + 1}`}
            name={`fields/${i}/path`}
            hint={contentType === 'json' ? 'e.g. $.card or $.customers[*].ssn; no script filters.' : 'e.g. card_number; an object type reads card[number], card[exp_month]…'}
            value={r.path}
            onChange={(path) => set(i, { path })}
            error={error}
            required
          />
          <SelectField label={`Token type of field ${i + 1}`} name={`fields/${i}/type`} value={r.type} onChange={(type) => set(i, { type })} options={options(TYPES)} error={error} />
          <SelectField label={`Token format of field ${i + 1}`} name={`fields/${i}/format`} value={r.format} onChange={(format) => set(i, { format })} options={options(FORMATS)} error={error} />
          <Field
            label={`Property names of field ${i + 1} (optional)`}
            name={`fields/${i}/data_fields`}
            hint="When the value is an object whose properties are named differently: cardNumber=number, expirationMonth=exp_month, expirationYear=exp_year, cvv=cvc"
            value={r.dataFields}
            onChange={(dataFields) => set(i, { dataFields })}
            error={error}
          />
          <Checkbox label={`Field ${i + 1} is required`} name={`fields/${i}/required`} hint="A request without it is refused (400) and nothing is forwarded." checked={r.required} onChange={(required) => set(i, { required })} />
          {rows.length > 1 && (
            <button type="button" className="secondary small" onClick={() => setRows(rows.filter((_, k) => k !== i))}>
              Remove field {i + 1}
            </button>
          )}
        </fieldset>
      ))}
      {rows.length < 32 && (
        <button type="button" className="secondary small" onClick={() => setRows([...rows, { ...blankRow(contentType), path: '' }])}>
          Add a field
        </button>
      )}
    </fieldset>
  );
}

function NewRoute({ project, onCreated }: { project: Project; onCreated: (r: InboundRoute) => void }) {
  const [name, setName] = useState('');
  const [upstream, setUpstream] = useState('');
  const [contentType, setContentType] = useState<ContentType>('json');
  const [rows, setRows] = useState<FieldRow[]>([blankRow('json')]);
  const create = useAction();
  const submit = () =>
    void create.run(async () => {
      const body = { name, upstream_url: upstream, content_type: contentType, fields: rows.map(wireField) };
      onCreated(await data(vault.POST('/api/projects/{id}/routes', { params: { path: { id: project.id } }, body })));
      setName('');
      setUpstream('');
      setRows([blankRow(contentType)]);
    });
  return (
    <Form className="panel" onSubmit={submit} label="New inbound route">
      <h3>New inbound route</h3>
      <Field label="Route name" name="name" codes={['conflict']} hint="1 to 100 characters, unique in the project." value={name} onChange={setName} error={create.error} required maxLength={100} />
      <Field
        label="Upstream URL"
        name="upstream_url"
        type="url"
        codes={['invalid_proxy_url', 'destination_forbidden']}
        hint="Where the vault forwards the request, tokens in place; the path after the route's URL is appended. The proxy's destination rules apply (production: the allowed hosts only)."
        value={upstream}
        onChange={setUpstream}
        error={create.error}
        required
      />
      <SelectField
        label="Request body"
        name="content_type"
        value={contentType}
        onChange={(c) => {
          setContentType(c);
          setRows(rows.map((r) => ({ ...r, path: c === 'json' ? (r.path.startsWith('$') ? r.path : `$.${r.path}`) : r.path.replace(/^\$\.?/, '') })));
        }}
        options={[
          ['json', 'JSON (fields are JSONPaths)'],
          ['form', 'Form, URL-encoded (fields are field names)'],
        ]}
        error={create.error}
      />
      <FieldRows rows={rows} setRows={setRows} contentType={contentType} error={create.error} />
      <FormAlert error={create.error} fields={['name', 'upstream_url', 'content_type', 'fields']} codes={['conflict', 'invalid_proxy_url', 'destination_forbidden']} />
      <Submit busy={create.busy} busyText="Creating…">
        Create route
      </Submit>
    </Form>
  );
}

export function RoutesTab({ project }: { project: Project }) {
  const list = useLoad(() => data(vault.GET('/api/projects/{id}/routes', { params: { path: { id: project.id } } })), [project.id]);
  const manage = managesIntegrations(project.role);
  const [created, setCreated] = useState<InboundRoute | null>(null);
  const remove = useConfirm(async (r: InboundRoute) => {
    await data(vault.DELETE('/api/projects/{id}/routes/{route_id}', { params: { path: { id: project.id, route_id: r.id } } }));
    if (created?.id === r.id) setCreated(null);
    list.reload();
  });
  return (
    <>
      <h2>Inbound routes</h2>
      <p>
        A partner that must send you card data sends it to a route's URL instead of to you. The vault tokenizes the fields the route names and forwards the request to your upstream with
        tokens in place, then returns your upstream's answer. The route's URL is its only credential: share it only with that partner.
      </p>
      {!manage && <p className="hint">Only the project's admins and owners create or delete routes.</p>}
      {manage && (
        <NewRoute
          project={project}
          onCreated={(r) => {
            setCreated(r);
            list.reload();
          }}
        />
      )}
      {created && (
        <p role="status">
          Route “{created.name}” created. Partners send to <code>{created.url}/</code>.
        </p>
      )}
      <LoadState of={{ ...list, data: list.data && { data: list.data } }} what="inbound routes" empty="No inbound routes yet." />
      <Table
        caption="Inbound routes"
        head={['Name', 'Inbound URL', 'Upstream', 'Body', 'Fields', 'Created']}
        actions={manage}
        rows={list.data}
        row={(r) => (
          <tr key={r.id} data-testid="route-row">
            <td>{r.name}</td>
            <td className="url-cell">
              <code data-testid="inbound-url">{`${r.url}/`}</code> <CopyButton text={`${r.url}/`} label={`Copy the inbound URL of ${r.name}`} />
            </td>
            <td className="url-cell">
              <code>{r.upstream_url}</code>
            </td>
            <td>{r.content_type}</td>
            <td className="fields-cell">
              <ul className="plain">
                {r.fields.map((f, i) => (
                  <li key={i}>
                    <code>{describeField(f)}</code>
                  </li>
                ))}
              </ul>
            </td>
            <td>{fmtTime(r.created_at)}</td>
            {manage && (
              <td>
                <button type="button" className="danger small" onClick={() => remove.ask(r)} aria-label={`Delete route ${r.name}`}>
                  Delete
                </button>
              </td>
            )}
          </tr>
        )}
      />
      <ConfirmDialog {...remove.dialog} title={`Delete route “${remove.item?.name ?? ''}”?`} confirmLabel="Delete route">
        <p>Its URL answers 404 from now on; tokens it created stay in the project.</p>
      </ConfirmDialog>
    </>
  );
}
