// The shell: who is signed in (GET /auth/verify), which screen the path asks for, and the
// banners (password expiring within 14 days, session about to lapse).
import { useCallback, useEffect, useState } from 'react';
import { ApiError, data, lastApiActivity, onApiActivity, onUnauthorized, vault, type PasswordExpiry, type Session } from './api';
import { ExpiredPassword, ForgotPassword, MfaStep, Register, ResetPassword, SignIn } from './auth';
import { ProjectPage } from './projects/detail';
import { ProjectsList } from './projects/list';
import { UserSettings } from './settings';
import { LoadError, Loading } from './ui/load';
import { Link, navigate, useLocation } from './ui/router';

const PUBLIC = ['/login', '/register', '/forgot-password', '/reset-password', '/expired-password'];
/** The vault re-issues its 15-minute session cookie on every authenticated answer. */
const COOKIE_LIFETIME_MS = 15 * 60_000;
const WARN_BEFORE_MS = 2 * 60_000;

export function App() {
  const { path, query } = useLocation();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [bootError, setBootError] = useState<ApiError | null>(null);

  const refresh = useCallback(async () => {
    try {
      setSession(await data(vault.GET('/auth/verify')));
      setBootError(null);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403 || e.status === 404)) setSession(null);
      else setBootError(e instanceof ApiError ? e : new ApiError(0, 'client_error', String(e)));
    }
  }, []);

  useEffect(() => {
    void refresh();
    onUnauthorized(() => setSession(null));
  }, [refresh]);

  const signOut = useCallback(async () => {
    try {
      await data(vault.POST('/auth/logout'));
    } catch {
      /* the session may already be gone */
    }
    setSession(null);
    navigate('/login', true);
  }, []);

  const isPublic = PUBLIC.includes(path);
  useEffect(() => {
    if (session && path === '/login') navigate('/projects', true);
    if (session && path === '/') navigate('/projects', true);
  }, [session, path]);

  if (bootError) return <main className="auth-card"><h1>Open Vault</h1><LoadError error={bootError} retry={refresh} /></main>;
  if (session === undefined) return <main className="auth-card"><h1>Open Vault</h1><Loading what="your session" /></main>;

  if (path === '/reset-password') return <ResetPassword token={query.get('token') ?? ''} />;
  if (path === '/expired-password') return <ExpiredPassword onSignedIn={refresh} />;
  if (!session) {
    if (path === '/register') return <Register onSignedIn={refresh} />;
    if (path === '/forgot-password') return <ForgotPassword />;
    return <SignIn onSignedIn={refresh} />;
  }
  if (session.mfa_required && !session.mfa_verified && session.mfa_enabled) return <MfaStep onVerified={refresh} onSignOut={signOut} />;
  if (isPublic) return <Loading what="your projects" />;

  const mustEnrol = session.mfa_required && !session.mfa_verified && !session.mfa_enabled;
  let screen: React.ReactNode;
  const m = path.match(/^\/projects\/([^/]+)(?:\/([a-z]+))?$/);
  if (mustEnrol || path === '/settings') screen = <UserSettings session={session} onChanged={refresh} mustEnrol={mustEnrol} />;
  else if (m) screen = <ProjectPage id={decodeURIComponent(m[1])} tab={m[2] ?? 'applications'} />;
  else if (path === '/projects') screen = <ProjectsList />;
  else
    screen = (
      <>
        <h1 id="page-title">Page not found</h1>
        <p>
          <Link to="/projects">Go to your projects</Link>
        </p>
      </>
    );

  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link to="/projects" className="brand">
          <img src="/favicon.svg" alt="" width="24" height="24" /> Open Vault
        </Link>
        <nav aria-label="Main">
          <Link to="/projects" aria-current={path.startsWith('/projects') ? 'page' : undefined}>
            Projects
          </Link>
          <Link to="/settings" aria-current={path === '/settings' ? 'page' : undefined}>
            Account settings
          </Link>
        </nav>
        <span className="who">{session.user.name || session.user.email}</span>
        <button type="button" className="secondary" onClick={signOut}>
          Sign out
        </button>
      </header>
      <Banners session={session} onExtend={refresh} />
      <main id="main" tabIndex={-1}>
        {screen}
      </main>
    </>
  );
}

function Banners({ session, onExtend }: { session: Session; onExtend: () => void }) {
  const [expiry, setExpiry] = useState<PasswordExpiry | null>(null);
  const [now, setNow] = useState(Date.now());
  const [last, setLast] = useState(lastApiActivity());
  useEffect(() => {
    data(vault.GET('/auth/password-expiry-info')).then(setExpiry, () => setExpiry(null));
  }, [session.user.id]);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 15_000);
    const off = onApiActivity(() => setLast(lastApiActivity()));
    return () => {
      clearInterval(t);
      off();
    };
  }, []);
  const jwtEnd = new Date(session.session.expires_at).getTime();
  const lapse = Math.min(last + COOKIE_LIFETIME_MS, jwtEnd);
  const left = lapse - now;
  return (
    <div className="banners">
      {expiry && !expiry.expired && expiry.days_remaining !== null && expiry.days_remaining <= 14 && (
        <div className="banner warn" role="status">
          Your password expires in {expiry.days_remaining} {expiry.days_remaining === 1 ? 'day' : 'days'}. <Link to="/settings">Change it now</Link>
        </div>
      )}
      {left <= WARN_BEFORE_MS && (
        <div className="banner warn" role="status">
          {left > 0 ? `Your session ends in about ${Math.max(1, Math.round(left / 60_000))} minute(s) without activity.` : 'Your session may have ended.'}{' '}
          {jwtEnd - now > WARN_BEFORE_MS ? (
            <button type="button" className="link" onClick={onExtend}>
              Stay signed in
            </button>
          ) : (
            <span>Sign in again to continue.</span>
          )}
        </div>
      )}
    </div>
  );
}
