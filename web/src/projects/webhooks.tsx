// A project's webhook endpoints (docs/webhooks.md): create one (its signing secret shown once),
// list and delete them, and each endpoint's delivery log with a manual retry. Webhook URLs and
// secrets are integration settings: the API shows them to admins and owners only, so other roles
// see a note instead of a form the API would refuse.
import { useState } from 'react';
import { data, type Delivery, managesIntegrations, type NewWebhook, page, type Project, vault, type Webhook, type WebhookEvent } from '../api';
import { ConfirmDialog, useConfirm } from '../ui/dialog';
import { Checkbox, CopyButton, Field, Form, FormAlert, Submit } from '../ui/forms';
import { LoadState, useAction, useLoad } from '../ui/load';
import { fieldSentence } from '../ui/sentence';
import { fmtTime, Pager, Table, timeZone } from '../ui/table';

/** The event catalogue (src/webhooks/events.ts): a Record, so a new event fails the typecheck until it is listed here. */
const EVENTS: Record<WebhookEvent, string> = {
  'token.created': 'a token is created (tokenize, batch, test token, import)',
  'token.updated': 'a stored token changes',
  'token.deleted': 'a token is deleted',
  'token.expired': 'a token reaches its expiry and is removed',
  'application.created': 'an application is created',
  'application.deleted': 'an application is deleted',
  'member.joined': 'a member joins the project',
  'member.removed': 'a member is removed',
  'key.rotated': "the project's data key is rotated",
  'audit.verification_failed': 'the audit chain fails verification',
};
const EVENT_NAMES = Object.keys(EVENTS) as WebhookEvent[];

const STATUS: Record<Delivery['status'], string> = { pending: 'Pending', succeeded: 'Delivered', failed: 'Failed' };

/** What the receiver answered last: its HTTP status, or why no answer came. */
function responseOf(d: Delivery): string {
  if (d.last_status !== null) return `HTTP ${d.last_status}`;
  return d.last_error ?? (d.attempts === 0 ? 'not sent yet' : '—');
}

function DeliveryLog({ project, hook }: { project: Project; hook: Webhook }) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1];
  const path = { id: project.id, webhook_id: hook.id };
  const list = useLoad(() => page(vault.GET('/api/projects/{id}/webhooks/{webhook_id}/deliveries', { params: { path, query: { limit: 20, cursor: cursor ?? undefined } } })), [hook.id, cursor]);
  const retry = useAction();
  const [notice, setNotice] = useState('');
  return (
    <section className="panel" aria-labelledby={`log-${hook.id}`}>
      <h3 id={`log-${hook.id}`}>Deliveries to {hook.url}</h3>
      <p className="hint">
        Newest first, times in {timeZone()}. A failing receiver is retried with growing delays for 24 hours; after that the delivery is failed and can be
        sent again by hand.
      </p>
      <p>
        <button type="button" className="secondary small" onClick={list.reload} disabled={list.loading}>
          Refresh
        </button>
      </p>
      {notice && <p role="status">{notice}</p>}
      <FormAlert error={retry.error} />
      <LoadState of={list} what="deliveries" empty="No deliveries yet: one is made for each subscribed event." />
      <Table
        caption={`Delivery log of ${hook.url}`}
        head={['Event', 'Status', 'Attempts', 'Last response', 'Created', 'Delivered or next attempt']}
        actions
        rows={list.data?.data}
        row={(d) => (
          <tr key={d.id} data-testid="delivery-row">
            <td>
              <code>{d.event_type}</code>
            </td>
            <td>
              <span className={`badge ${d.status === 'succeeded' ? 'ok' : d.status === 'failed' ? 'bad' : ''}`}>{STATUS[d.status]}</span>
            </td>
            <td>{d.attempts}</td>
            <td>{responseOf(d)}</td>
            <td>{fmtTime(d.created_at)}</td>
            <td>{d.delivered_at ? fmtTime(d.delivered_at) : d.status === 'pending' ? `next: ${fmtTime(d.next_attempt_at)}` : '—'}</td>
            <td className="row-actions">
              {d.status === 'failed' && (
                <button
                  type="button"
                  className="secondary small"
                  disabled={retry.busy}
                  aria-label={`Retry delivery ${d.id}`}
                  onClick={() =>
                    void retry.run(async () => {
                      setNotice('');
                      await data(vault.POST('/api/projects/{id}/webhooks/{webhook_id}/deliveries/{delivery_id}/retry', { params: { path: { ...path, delivery_id: d.id } } }));
                      setNotice(`Delivery ${d.id} is queued to be sent again now.`);
                      list.reload();
                    })
                  }
                >
                  Retry
                </button>
              )}
            </td>
          </tr>
        )}
      />
      <Pager cursors={cursors} setCursors={setCursors} next={list.data?.next_cursor ?? null} busy={list.loading} />
    </section>
  );
}

function Secret({ created, onDone }: { created: NewWebhook; onDone: () => void }) {
  return (
    <div className="panel secret" role="region" aria-label="New webhook signing secret">
      <h3>Signing secret for {created.url}</h3>
      <p className="warn-text">
        <strong>Copy the signing secret now.</strong> It is shown only this once. Your receiver verifies every delivery with it (Standard Webhooks).
      </p>
      <p>
        <code data-testid="webhook-secret">{created.secret}</code> <CopyButton text={created.secret} label="Copy signing secret" />
      </p>
      <button type="button" onClick={onDone}>
        I have stored the secret
      </button>
    </div>
  );
}

export function WebhooksTab({ project }: { project: Project }) {
  if (!managesIntegrations(project.role))
    return (
      <>
        <h2>Webhooks</h2>
        <p>Webhook endpoints and their signing secrets are integration settings: only the project's admins and owners see and manage them.</p>
      </>
    );
  return <Webhooks project={project} />;
}

function Webhooks({ project }: { project: Project }) {
  const list = useLoad(() => data(vault.GET('/api/projects/{id}/webhooks', { params: { path: { id: project.id } } })), [project.id]);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(['token.created']);
  const [description, setDescription] = useState('');
  const [created, setCreated] = useState<NewWebhook | null>(null);
  const [open, setOpen] = useState<Webhook | null>(null);
  const create = useAction();
  const remove = useConfirm(async (w: Webhook) => {
    await data(vault.DELETE('/api/projects/{id}/webhooks/{webhook_id}', { params: { path: { id: project.id, webhook_id: w.id } } }));
    if (open?.id === w.id) setOpen(null);
    list.reload();
  });
  const eventsError = fieldSentence('Events', create.error?.fieldMessage('events'));
  const submit = () =>
    void create.run(async () => {
      const body = { url, events: EVENT_NAMES.filter((e) => events.includes(e)), description: description.trim() === '' ? null : description };
      setCreated(await data(vault.POST('/api/projects/{id}/webhooks', { params: { path: { id: project.id } }, body })));
      setUrl('');
      setDescription('');
      list.reload();
    });
  return (
    <>
      <h2>Webhooks</h2>
      <p>The vault tells your systems what happened in this project by POSTing signed events to these URLs. No event ever carries card data.</p>
      {created && <Secret created={created} onDone={() => setCreated(null)} />}
      <Form className="panel" onSubmit={submit} label="New webhook">
        <h3>New webhook</h3>
        <Field
          label="Endpoint URL"
          name="url"
          type="url"
          codes={['validation_error', 'destination_forbidden']}
          hint="https only; never a private, loopback or link-local address."
          value={url}
          onChange={setUrl}
          error={create.error}
          required
        />
        <fieldset aria-describedby={eventsError ? 'events-err' : undefined}>
          <legend>Events</legend>
          {EVENT_NAMES.map((e) => (
            <Checkbox
              key={e}
              label={e}
              name="events"
              hint={EVENTS[e]}
              checked={events.includes(e)}
              onChange={(on) => setEvents(on ? [...events, e] : events.filter((x) => x !== e))}
            />
          ))}
          {eventsError && (
            <p id="events-err" className="field-error">
              {eventsError}
            </p>
          )}
        </fieldset>
        <Field label="Description (optional)" name="description" hint="Up to 500 characters." value={description} onChange={setDescription} error={create.error} maxLength={500} />
        <FormAlert error={create.error} fields={['url', 'events', 'description']} codes={['validation_error', 'destination_forbidden']} />
        <Submit busy={create.busy} busyText="Creating…">
          Create webhook
        </Submit>
      </Form>
      <LoadState of={{ ...list, data: list.data && { data: list.data } }} what="webhooks" empty="No webhooks yet." />
      <Table
        caption="Webhook endpoints"
        head={['URL', 'Events', 'Description', 'Created']}
        actions
        rows={list.data}
        row={(w) => (
          <tr key={w.id}>
            <td>
              <code>{w.url}</code>
            </td>
            <td>{w.events.join(', ')}</td>
            <td>{w.description || '—'}</td>
            <td>{fmtTime(w.created_at)}</td>
            <td className="row-actions">
              <button
                type="button"
                className="secondary small"
                aria-expanded={open?.id === w.id}
                aria-label={`Deliveries of ${w.url}`}
                onClick={() => setOpen(open?.id === w.id ? null : w)}
              >
                Deliveries
              </button>{' '}
              <button type="button" className="danger small" onClick={() => remove.ask(w)} aria-label={`Delete webhook ${w.url}`}>
                Delete
              </button>
            </td>
          </tr>
        )}
      />
      {open && <DeliveryLog key={open.id} project={project} hook={open} />}
      <ConfirmDialog {...remove.dialog} title={`Delete the webhook to ${remove.item?.url ?? ''}?`} confirmLabel="Delete webhook">
        <p>No more events are sent to it; its pending deliveries stop.</p>
      </ConfirmDialog>
    </>
  );
}
