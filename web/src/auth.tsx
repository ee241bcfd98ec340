// Signed-out screens: sign in (→ MFA step), register with the email code, forgot / reset
// password, and the expired-password change.
import { useState } from 'react';
import { ApiError, data, vault } from './api';
import { Field, Form, FormAlert, Submit } from './ui/forms';
import { Loading, useAction, useLoad } from './ui/load';
import { Link, navigate } from './ui/router';

/** The reset token handed over by a `password_expired` answer; kept in memory only. */
let expiredToken: { token: string; email: string } | null = null;

function Shell({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main className="auth-card" aria-labelledby="page-title">
      <p className="brand">Open Vault</p>
      <h1 id="page-title">{title}</h1>
      {children}
    </main>
  );
}

const PASSWORD_HINT = '12 to 128 characters; not your email; long passphrases work best.';

export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const submit = () => {
    void run(async () => {
      try {
        await data(vault.POST('/auth/login', { body: { email, password } }));
      } catch (err) {
        if (err instanceof ApiError && err.code === 'password_expired' && typeof err.extra.password_reset_token === 'string') {
          expiredToken = { token: err.extra.password_reset_token, email };
          navigate('/expired-password');
          return;
        }
        throw err;
      }
      onSignedIn();
    });
  };
  return (
    <Shell title="Sign in">
      <Form onSubmit={submit}>
        <Field label="Email" name="email" type="email" autoComplete="username" value={email} onChange={setEmail} error={error} required />
        <Field label="Password" name="password" type="password" autoComplete="current-password" value={password} onChange={setPassword} error={error} required />
        <FormAlert error={error} fields={['email', 'password']} />
        <Submit busy={busy} busyText="Signing in…">
          Sign in
        </Submit>
      </Form>
      <p>
        <Link to="/forgot-password">Forgot your password?</Link> · <Link to="/register">Create an account</Link>
      </p>
    </Shell>
  );
}

export function MfaStep({ onVerified, onSignOut }: { onVerified: () => void; onSignOut: () => void }) {
  const [backup, setBackup] = useState(false);
  const [code, setCode] = useState('');
  const [remaining, setRemaining] = useState<number | null>(null);
  const { busy, error, run } = useAction();
  const submit = () => {
    void run(async () => {
      if (backup) setRemaining((await data(vault.POST('/auth/mfa/verify-backup', { body: { code: code.trim() } }))).backup_codes_remaining);
      else await data(vault.POST('/auth/mfa/verify', { body: { code: code.trim() } }));
      onVerified();
    });
  };
  return (
    <Shell title="Two-step verification">
      <p>{backup ? 'Enter one of your backup codes. Each code works once.' : 'Enter the 6-digit code from your authenticator app.'}</p>
      <Form onSubmit={submit}>
        {backup ? (
          <Field label="Backup code" name="code" codes={['invalid_code']} autoComplete="off" value={code} onChange={setCode} error={error} required autoFocus />
        ) : (
          <Field label="Authentication code" name="code" codes={['invalid_code']} inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={setCode} error={error} required autoFocus />
        )}
        <FormAlert error={error} fields={['code']} codes={['invalid_code']} />
        <Submit busy={busy} busyText="Verifying…">
          Verify
        </Submit>
      </Form>
      {remaining !== null && <p role="status">{remaining} backup codes left.</p>}
      <p>
        <button
          type="button"
          className="link"
          onClick={() => {
            setBackup(!backup);
            setCode('');
          }}
        >
          {backup ? 'Use your authenticator app instead' : 'Use a backup code instead'}
        </button>{' '}
        ·{' '}
        <button type="button" className="link" onClick={onSignOut}>
          Sign out
        </button>
      </p>
    </Shell>
  );
}

export function Register({ onSignedIn }: { onSignedIn: () => void }) {
  const [step, setStep] = useState<'email' | 'code' | 'details'>('email');
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [verificationToken, setVerificationToken] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const { busy, error, setError, run } = useAction();

  const sendCode = () => {
    void run(async () => {
      await data(vault.POST('/auth/send-verification-code', { body: { email } }));
      setStep('code');
    });
  };
  const checkCode = () => {
    void run(async () => {
      const d = await data(vault.POST('/auth/verify-email-code', { body: { email, code: code.trim() } }));
      setVerificationToken(d.verification_token);
      setStep('details');
    });
  };
  const create = () => {
    if (password !== confirm) {
      setError(new ApiError(400, 'mismatch', 'The passwords do not match.', [{ path: '/confirm', message: 'Must match the password.' }]));
      return;
    }
    void run(async () => {
      await data(vault.POST('/auth/register', { body: { email, password, name, verification_token: verificationToken } }));
      onSignedIn();
      navigate('/projects', true);
    });
  };

  return (
    <Shell title="Create an account">
      {step === 'email' && (
        <Form onSubmit={sendCode}>
          <p>We will email you a 6-digit code to confirm the address.</p>
          <Field label="Email" name="email" type="email" autoComplete="email" value={email} onChange={setEmail} error={error} required />
          <FormAlert error={error} fields={['email']} />
          <Submit busy={busy} busyText="Sending…">
            Send code
          </Submit>
        </Form>
      )}
      {step === 'code' && (
        <Form onSubmit={checkCode}>
          <p role="status">We sent a code to {email}. It is valid for 10 minutes.</p>
          <Field label="Verification code" name="code" codes={['invalid_code']} inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={setCode} error={error} required autoFocus />
          <FormAlert error={error} fields={['code']} codes={['invalid_code']} />
          <Submit busy={busy} busyText="Checking…">
            Continue
          </Submit>{' '}
          <button type="button" className="secondary" disabled={busy} onClick={() => setStep('email')}>
            Use another email
          </button>
        </Form>
      )}
      {step === 'details' && (
        <Form onSubmit={create}>
          <p role="status">Email confirmed: {email}</p>
          <Field label="Your name" name="name" autoComplete="name" value={name} onChange={setName} error={error} required autoFocus />
          <Field label="Password" name="password" type="password" autoComplete="new-password" codes={['weak_password']} hint={PASSWORD_HINT} value={password} onChange={setPassword} error={error} required />
          <Field label="Confirm password" name="confirm" type="password" autoComplete="new-password" value={confirm} onChange={setConfirm} error={error} required />
          <FormAlert error={error} fields={['name', 'password', 'confirm', 'new_password']} codes={['weak_password']} />
          <Submit busy={busy} busyText="Creating…">
            Create account
          </Submit>
        </Form>
      )}
      <p>
        Already have an account? <Link to="/login">Sign in</Link>
      </p>
    </Shell>
  );
}

export function ForgotPassword() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const { busy, error, run } = useAction();
  return (
    <Shell title="Reset your password">
      {sent ? (
        <p role="status">If an account exists for {email}, we have emailed a reset link. It works once, for one hour.</p>
      ) : (
        <Form
          onSubmit={() => {
            void run(async () => {
              await data(vault.POST('/auth/forgot-password', { body: { email } }));
              setSent(true);
            });
          }}
        >
          <Field label="Email" name="email" type="email" autoComplete="email" value={email} onChange={setEmail} error={error} required />
          <FormAlert error={error} fields={['email']} />
          <Submit busy={busy} busyText="Sending…">
            Email me a reset link
          </Submit>
        </Form>
      )}
      <p>
        <Link to="/login">Back to sign in</Link>
      </p>
    </Shell>
  );
}

export function ResetPassword({ token }: { token: string }) {
  const check = useLoad(() => data(vault.GET('/auth/verify-reset-token', { params: { query: { token } } })), [token]);
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, run } = useAction();
  if (check.loading) return <Shell title="Choose a new password"><Loading what="your reset link" /></Shell>;
  if (check.error || !check.data?.valid)
    return (
      <Shell title="Choose a new password">
        <div role="alert" className="alert">
          This reset link is invalid or has already been used.
        </div>
        <p>
          <Link to="/forgot-password">Request a new link</Link>
        </p>
      </Shell>
    );
  return (
    <Shell title="Choose a new password">
      {done ? (
        <p role="status">
          Your password was changed and every session was signed out. <Link to="/login">Sign in</Link>
        </p>
      ) : (
        <Form
          onSubmit={() => {
            void run(async () => {
              await data(vault.POST('/auth/reset-password', { body: { token, new_password: password } }));
              setDone(true);
            });
          }}
        >
          {check.data.email_hint && <p>Account: {check.data.email_hint}</p>}
          <Field label="New password" name="new_password" codes={['weak_password']} type="password" autoComplete="new-password" hint={PASSWORD_HINT} value={password} onChange={setPassword} error={error} required />
          <FormAlert error={error} fields={['new_password']} codes={['weak_password']} />
          <Submit busy={busy} busyText="Saving…">
            Set password
          </Submit>
        </Form>
      )}
    </Shell>
  );
}

export function ExpiredPassword({ onSignedIn }: { onSignedIn: () => void }) {
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  if (!expiredToken)
    return (
      <Shell title="Your password has expired">
        <p>
          Sign in again to change it. <Link to="/login">Sign in</Link>
        </p>
      </Shell>
    );
  const { token, email } = expiredToken;
  return (
    <Shell title="Your password has expired">
      <p>Passwords here expire after a while. Choose a new one for {email} to continue.</p>
      <Form
        onSubmit={() => {
          void run(async () => {
            await data(vault.POST('/auth/reset-expired-password', { body: { token, current_password: current, new_password: password } }));
            expiredToken = null;
            onSignedIn();
            navigate('/projects', true);
          });
        }}
      >
        <Field label="Current password" name="current_password" type="password" autoComplete="current-password" value={current} onChange={setCurrent} error={error} required />
        <Field label="New password" name="new_password" codes={['weak_password']} type="password" autoComplete="new-password" hint={PASSWORD_HINT} value={password} onChange={setPassword} error={error} required />
        <FormAlert error={error} fields={['current_password', 'new_password']} codes={['weak_password']} />
        <Submit busy={busy} busyText="Saving…">
          Change password
        </Submit>
      </Form>
    </Shell>
  );
}
