// A project's members: invite by email (membership starts when they accept), pending invitations,
// change a role, remove a member.
import { useEffect, useState } from 'react';
import { data, page, vault, type Member, type Project, type Role } from '../api';
import { ConfirmDialog, useConfirm } from '../ui/dialog';
import { Field, Form, FormAlert, SelectField, Submit } from '../ui/forms';
import { LoadState, useAction, useLoad } from '../ui/load';
import { Table } from '../ui/table';

const ROLES: [Role, string][] = [
  ['viewer', 'Viewer'],
  ['developer', 'Developer'],
  ['admin', 'Admin'],
  ['owner', 'Owner'],
];

export function MembersTab({ project }: { project: Project }) {
  const list = useLoad(() => page(vault.GET('/api/projects/{id}/members', { params: { path: { id: project.id } } })), [project.id]);
  const invitations = useLoad(() => data(vault.GET('/api/projects/{id}/invitations', { params: { path: { id: project.id } } })), [project.id]);
  const withdraw = useAction();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('developer');
  const invite = useAction();
  const change = useAction();
  const remove = useConfirm(async (m: Member) => {
    await data(vault.DELETE('/api/projects/{id}/members/{user_id}', { params: { path: { id: project.id, user_id: m.user_id } } }));
    list.reload();
  });
  const [notice, setNotice] = useState('');
  useEffect(() => setNotice(''), [project.id]);
  return (
    <>
      <h2>Members</h2>
      <Form
        className="panel"
        label="Invite a member"
        onSubmit={() => {
          void invite.run(async () => {
            await data(vault.POST('/api/projects/{id}/members', { params: { path: { id: project.id } }, body: { email, role } }));
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
      </Form>
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
                      await data(vault.DELETE('/api/projects/{id}/invitations/{invitation_id}', { params: { path: { id: project.id, invitation_id: inv.id } } }));
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
      <Table
        caption="Members"
        head={['Name', 'Email', 'Role']}
        actions
        rows={list.data?.data}
        row={(m) => (
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
                    await data(vault.PUT('/api/projects/{id}/members/{user_id}', { params: { path: { id: project.id, user_id: m.user_id } }, body: { role: r as Role } }));
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
              <button type="button" className="danger small" onClick={() => remove.ask(m)} aria-label={`Remove ${m.email}`}>
                Remove
              </button>
            </td>
          </tr>
        )}
      />
      <ConfirmDialog {...remove.dialog} title={`Remove ${remove.item?.email ?? ''} from ${project.name}?`} confirmLabel="Remove member">
        <p>They lose access to this project immediately.</p>
      </ConfirmDialog>
    </>
  );
}
