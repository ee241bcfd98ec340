// Account settings: name, password change, MFA enrolment (QR code from totp_uri, backup codes
// shown once with a download) and MFA disable.
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { data, vault, type Session, type UserSettings as Settings } from './api';
import { CopyButton, Field, Form, FormAlert, Submit } from './ui/forms';
import { Loading, LoadState, useAction, useLoad } from './ui/load';

export function UserSettings({ session, onChanged, mustEnrol }: { session: Session; onChanged: () => void; mustEnrol: boolean }) {
  const settings = useLoad(() => data(vault.GET('/api/user/settings')), [session.user.id]);
  return (
    <>
      <h1 id="page-title">Account settings</h1>
      {mustEnrol && (
        <div className="banner warn" role="status">
          A project you belong to requires two-step verification. Set it up below to continue.
        </div>
      )}
      <LoadState of={settings} what="your settings" />
      {settings.data && (
        <>
          {!mustEnrol && <NameForm settings={settings.data} onSaved={onChanged} />}
          <Mfa settings={settings.data} reload={settings.reload} onChanged={onChanged} />
          {!mustEnrol && <PasswordForm expiresAt={settings.data.password_expires_at} />}
        </>
      )}
    </>
  );
}

function NameForm({ settings, onSaved }: { settings: Settings; onSaved: () => void }) {
  const [name, setName] = useState(settings.name);
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useAction();
  return (
    <Form
      className="panel"
      label="Profile"
      onSubmit={() => {
        setSaved(false);
        void run(async () => {
          await data(vault.PUT('/api/user/settings', { body: { name } }));
          setSaved(true);
          onSaved();
        });
      }}
    >
      <h2>Profile</h2>
      <p>Email: {settings.email}</p>
      <Field label="Name" name="name" autoComplete="name" value={name} onChange={setName} error={error} required />
      <FormAlert error={error} fields={['name']} />
      {saved && <p role="status">Saved.</p>}
      <Submit busy={busy} busyText="Saving…">
        Save name
      </Submit>
    </Form>
  );
}

function PasswordForm({ expiresAt }: { expiresAt: string | null }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, run } = useAction();
  return (
    <Form
      className="panel"
      label="Change password"
      onSubmit={() => {
        setDone(false);
        void run(async () => {
          await data(vault.POST('/auth/change-password', { body: { current_password: current, new_password: next } }));
          setCurrent('');
          setNext('');
          setDone(true);
        });
      }}
    >
      <h2>Password</h2>
      {expiresAt && <p>Your password expires on {new Date(expiresAt).toLocaleDateString()}.</p>}
      <Field label="Current password" name="current_password" type="password" autoComplete="current-password" value={current} onChange={setCurrent} error={error} required />
      <Field label="New password" name="new_password" codes={['weak_password']} type="password" autoComplete="new-password" hint="12 to 128 characters; not your email." value={next} onChange={setNext} error={error} required />
      <FormAlert error={error} fields={['current_password', 'new_password']} codes={['weak_password']} />
      {done && <p role="status">Password changed. Your other sessions were signed out.</p>}
      <Submit busy={busy} busyText="Changing…">
        Change password
      </Submit>
    </Form>
  );
}

function secretOf(uri: string): string {
  try {
    return new URL(uri).searchParams.get('secret') ?? '';
  } catch {
    return '';
  }
}

function Mfa({ settings, reload, onChanged }: { settings: Settings; reload: () => void; onChanged: () => void }) {
  const [password, setPassword] = useState('');
  const [enrolment, setEnrolment] = useState<{ uri: string; codes: string[] } | null>(null);
  const [qr, setQr] = useState('');
  const [code, setCode] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [disableCode, setDisableCode] = useState('');
  const start = useAction();
  const verify = useAction();
  const disable = useAction();

  useEffect(() => {
    if (!enrolment) return;
    QRCode.toDataURL(enrolment.uri, { margin: 1, width: 200 }).then(setQr, () => setQr(''));
  }, [enrolment]);

  const downloadHref = enrolment ? `data:text/plain;charset=utf-8,${encodeURIComponent(`Vault backup codes for ${settings.email}\nEach code works once.\n\n${enrolment.codes.join('\n')}\n`)}` : '';

  if (enrolment && !confirmed)
    return (
      <section className="panel" aria-labelledby="mfa-h">
        <h2 id="mfa-h">Set up two-step verification</h2>
        <ol>
          <li>
            Scan this QR code with an authenticator app, or enter the key by hand.
            <div className="qr">
              {qr ? <img src={qr} alt="QR code for your authenticator app" width={200} height={200} data-testid="totp-qr" /> : <Loading what="the QR code" />}
              <p>
                Key: <code data-testid="totp-secret">{secretOf(enrolment.uri)}</code> <CopyButton text={secretOf(enrolment.uri)} label="Copy the key" />
              </p>
            </div>
          </li>
          <li>
            Save your backup codes. <strong>They are shown only now.</strong> Each works once if you lose your device.
            <ul className="codes" data-testid="backup-codes">
              {enrolment.codes.map((c) => (
                <li key={c}>
                  <code>{c}</code>
                </li>
              ))}
            </ul>
            <a className="button secondary" href={downloadHref} download="vault-backup-codes.txt">
              Download backup codes
            </a>
          </li>
          <li>
            Enter the 6-digit code your app shows to finish.
            <Form
              onSubmit={() => {
                void verify.run(async () => {
                  await data(vault.POST('/auth/mfa/verify', { body: { code: code.trim() } }));
                  setConfirmed(true);
                  setEnrolment(null);
                  reload();
                  onChanged();
                });
              }}
            >
              <Field label="Authentication code" name="code" codes={['invalid_code']} inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={setCode} error={verify.error} required />
              <FormAlert error={verify.error} fields={['code']} codes={['invalid_code']} />
              <Submit busy={verify.busy} busyText="Verifying…">
                Turn on two-step verification
              </Submit>
            </Form>
          </li>
        </ol>
      </section>
    );

  if (settings.mfa_enabled)
    return (
      <section className="panel" aria-labelledby="mfa-h">
        <h2 id="mfa-h">Two-step verification</h2>
        <p>
          <span className="badge ok" data-testid="mfa-on">
            On
          </span>{' '}
          Sign-in asks for a code from your authenticator app.
        </p>
        {confirmed && <p role="status">Two-step verification is on.</p>}
        <Form
          label="Turn off two-step verification"
          onSubmit={() => {
            void disable.run(async () => {
              await data(vault.POST('/auth/mfa/disable', { body: { code: disableCode.trim() } }));
              setDisableCode('');
              setConfirmed(false);
              reload();
              onChanged();
            });
          }}
        >
          <Field label="Current authentication code" name="code" codes={['invalid_code']} inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={disableCode} onChange={setDisableCode} error={disable.error} required />
          <FormAlert error={disable.error} fields={['code']} codes={['invalid_code']} />
          <Submit busy={disable.busy} busyText="Turning off…">
            Turn off two-step verification
          </Submit>
        </Form>
      </section>
    );

  return (
    <Form
      className="panel"
      label="Two-step verification"
      onSubmit={() => {
        void start.run(async () => {
          const d = await data(vault.PUT('/api/user/settings', { body: { mfa_enabled: true, current_password: password } }));
          setPassword('');
          if (d.totp_uri) setEnrolment({ uri: d.totp_uri, codes: d.backup_codes ?? [] });
        });
      }}
    >
      <h2>Two-step verification</h2>
      <p>
        <span className="badge">Off</span> Protect your account with a code from an authenticator app.
      </p>
      <Field label="Current password" name="current_password" type="password" autoComplete="current-password" value={password} onChange={setPassword} error={start.error} required />
      <FormAlert error={start.error} fields={['current_password']} />
      <Submit busy={start.busy} busyText="Starting…">
        Set up two-step verification
      </Submit>
    </Form>
  );
}
