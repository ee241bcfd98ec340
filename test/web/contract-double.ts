// An in-memory stand-in for the parts of API.md §4 (/auth/*, /api/*) that are not on this branch
// yet, answered inside Chromium through page.route. It follows the contract's paths, envelopes,
// error shape and MFA gate, and checks what the dashboard must do on the wire: JSON bodies, an
// Origin on every write, no Authorization header (cookie sessions only). The dashboard itself and
// its CSP are served by a real vault.
import { randomBytes, randomUUID } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import type { Page, Route } from 'playwright-core';

type Json = Record<string, any>;
interface User { id: string; email: string; name: string; password: string; totp: OTPAuth.TOTP | null; mfaEnabled: boolean; backup: Set<string> }
interface Project { id: string; name: string; environment: string; require_mfa: boolean; deduplicate: boolean; proxy_allowed_hosts: string[]; created_at: string; members: Map<string, string> }
interface App { id: string; project_id: string; name: string; permissions: Json; pub_key: string; key_prefix: string; api_key: string; created_at: string }
interface Token { token: string; project_id: string; type: string; mask: Record<string, string>; created_at: string; expires_at: null; metadata: Json | null }

class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly details?: { path: string; message: string }[], readonly extra: Json = {}) {
    super(message);
  }
}

const id = (prefix: string) => `${prefix}_${randomBytes(8).toString('hex')}`;
const b62 = (n: number) => Array.from(randomBytes(n), (b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'[b % 62]).join('');
const MFA_EXEMPT = [/^\/auth\/logout$/, /^\/auth\/verify$/, /^\/auth\/mfa\//, /^\/mfa-status$/, /^\/auth\/password-expiry-info$/, /^\/api\/user\/settings$/];
const ROLE_RANK: Record<string, number> = { viewer: 0, developer: 1, admin: 2, owner: 3 };

export class ContractDouble {
  users = new Map<string, User>();
  session: { user: User; mfaVerified: boolean; expires: string } | null = null;
  outbox = new Map<string, string>();
  verificationTokens = new Map<string, string>();
  projects = new Map<string, Project>();
  apps = new Map<string, App>();
  tokens: Token[] = [];
  audit: Json[] = [];
  passwordDaysRemaining = 10;
  /** Every request the dashboard made, for wire-level assertions. */
  requests: { method: string; path: string; origin?: string; authorization?: string; contentType?: string; body: boolean }[] = [];
  origin = '';

  async attach(page: Page, origin: string) {
    this.origin = origin;
    const handler = (route: Route) => this.handle(route);
    await page.route(`${origin}/auth/**`, handler);
    await page.route(`${origin}/api/**`, handler);
  }

  private async handle(route: Route) {
    const req = route.request();
    const url = new URL(req.url());
    const headers = req.headers();
    this.requests.push({ method: req.method(), path: url.pathname, origin: headers.origin, authorization: headers.authorization, contentType: headers['content-type'], body: !!req.postData() });
    let status = 200;
    let body: Json;
    try {
      if (req.method() !== 'GET' && headers.origin !== this.origin) throw new HttpError(403, 'csrf_failed', 'Cross-site request refused.');
      const input = req.postData() ? JSON.parse(req.postData()!) : {};
      const out = this.dispatch(req.method(), url.pathname, url.searchParams, input);
      status = out.status ?? 200;
      body = out.body ?? { success: true, data: out.data ?? {} };
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      status = e.status;
      body = { success: false, message: e.message, data: null, error: { code: e.code, request_id: randomUUID(), ...(e.details ? { details: e.details } : {}), ...e.extra } };
    }
    await route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) });
  }

  private me(path: string): { user: User; mfaVerified: boolean } {
    if (!this.session) throw new HttpError(401, 'authentication_required', 'Sign in first.');
    if (this.mfaRequired(this.session.user) && !this.session.mfaVerified && !MFA_EXEMPT.some((r) => r.test(path)))
      throw new HttpError(403, 'mfa_required', 'Two-step verification is required.');
    return this.session;
  }
  private mfaRequired(u: User) {
    return u.mfaEnabled || [...this.projects.values()].some((p) => p.require_mfa && p.members.has(u.id));
  }
  private flags(u: User, verified: boolean) {
    return { mfa_required: this.mfaRequired(u), mfa_enabled: u.mfaEnabled, mfa_verified: verified };
  }
  private userView(u: User) {
    return { id: u.id, email: u.email, name: u.name };
  }
  private signIn(u: User, mfaVerified: boolean) {
    const expires = new Date(Date.now() + 24 * 3600_000).toISOString();
    this.session = { user: u, mfaVerified, expires };
    return { token: 'jwt.not.for.storage', expires_at: expires, user: this.userView(u), ...this.flags(u, mfaVerified) };
  }
  private project(pid: string, user: User, min = 'viewer'): Project {
    const p = this.projects.get(pid);
    if (!p || !p.members.has(user.id)) throw new HttpError(404, 'not_found', 'Project not found.');
    if (ROLE_RANK[p.members.get(user.id)!] < ROLE_RANK[min]) throw new HttpError(403, 'permission_denied', 'Your role does not allow this.');
    return p;
  }
  private projectView(p: Project, user: User) {
    const { members, ...rest } = p;
    return { ...rest, role: members.get(user.id) };
  }
  record(p: Project, e: Json) {
    const prev = this.audit.filter((a) => a.project_id === p.id).at(-1);
    const seq = (prev?.seq ?? 0) + 1;
    this.audit.push({ id: id('aud'), seq, project_id: p.id, created_at: new Date().toISOString(), outcome: 'success', resource_type: null, resource_id: null, user_id: null, app_id: null, ip_address: '127.0.0.1', request_id: randomUUID(), details: {}, hash: randomBytes(16).toString('hex'), prev_hash: prev?.hash ?? null, ...e });
  }
  private page<T>(items: T[], q: URLSearchParams) {
    const limit = Math.min(200, Math.max(1, Number(q.get('limit') ?? 50)));
    const start = Number(q.get('cursor') ?? 0);
    const slice = items.slice(start, start + limit);
    return { body: { success: true, data: slice, next_cursor: start + limit < items.length ? String(start + limit) : null } };
  }
  private password(pw: unknown, path: string, email: string) {
    if (typeof pw !== 'string' || pw.length < 12 || pw.toLowerCase() === email.toLowerCase())
      throw new HttpError(400, 'weak_password', 'The password is too weak.', [{ path, message: 'Use at least 12 characters that are hard to guess.' }]);
  }

  /** Tokenize as an application would (`X-API-Key` + `X-Pub-Key`), recording the audit entry. */
  tokenize(apiKey: string, pubKey: string, card: { cardNumber: string }) {
    const app = [...this.apps.values()].find((a) => a.api_key === apiKey);
    if (!app || app.pub_key !== pubKey) throw new Error('invalid key pair');
    const digits = card.cardNumber.replace(/\D/g, '');
    const t: Token = { token: `tok_${b62(24)}`, project_id: app.project_id, type: 'card', mask: { card_number: `${digits.slice(0, 6)}******${digits.slice(-4)}` }, created_at: new Date().toISOString(), expires_at: null, metadata: null };
    this.tokens.push(t);
    this.record(this.projects.get(app.project_id)!, { event_type: 'token', action: 'tokenize', resource_type: 'token', resource_id: t.token, app_id: app.id });
    return t;
  }

  private dispatch(method: string, path: string, q: URLSearchParams, b: Json): { status?: number; data?: unknown; body?: Json } {
    const route = `${method} ${path}`;
    let m: RegExpMatchArray | null;
    switch (route) {
      case 'POST /auth/send-verification-code': {
        const code = String(Math.floor(100000 + Math.random() * 900000));
        this.outbox.set(String(b.email).toLowerCase(), code);
        return { status: 202, data: {} };
      }
      case 'POST /auth/verify-email-code': {
        if (this.outbox.get(String(b.email).toLowerCase()) !== b.code) throw new HttpError(400, 'invalid_code', 'The code is wrong or has expired.', [{ path: '/code', message: 'The code is wrong or has expired.' }]);
        const token = b62(32);
        this.verificationTokens.set(token, String(b.email).toLowerCase());
        return { data: { verified: true, verification_token: token } };
      }
      case 'POST /auth/register': {
        const email = this.verificationTokens.get(b.verification_token);
        if (!email || email !== String(b.email).toLowerCase()) throw new HttpError(400, 'invalid_token', 'Verify your email first.');
        if (this.users.has(email)) throw new HttpError(409, 'email_taken', 'An account with this email exists.');
        this.password(b.password, '/password', email);
        if (!b.name) throw new HttpError(400, 'validation_error', 'The request is missing fields or has invalid ones.', [{ path: '/name', message: 'must NOT have fewer than 1 characters' }]);
        const u: User = { id: id('usr'), email, name: b.name, password: b.password, totp: null, mfaEnabled: false, backup: new Set() };
        this.users.set(email, u);
        const s = this.signIn(u, false);
        return { status: 201, data: { user: s.user, token: s.token, expires_at: s.expires_at } };
      }
      case 'POST /auth/login': {
        const u = this.users.get(String(b.email).toLowerCase());
        if (!u || u.password !== b.password) throw new HttpError(401, 'invalid_credentials', 'The email or password is wrong.');
        return { data: this.signIn(u, false) };
      }
      case 'POST /auth/forgot-password':
        return { status: 202, data: {} };
      case 'GET /auth/verify-reset-token':
        if (q.get('token') !== 'reset-token-from-mail') throw new HttpError(400, 'invalid_token', 'The link is invalid or spent.');
        return { data: { valid: true, email_hint: 'a***@example.com' } };
      case 'POST /auth/logout':
        this.session = null;
        return { data: {} };
      case 'GET /auth/verify': {
        const s = this.me(path);
        return { data: { valid: true, user: this.userView(s.user), session: { id: 'ses_double', expires_at: this.session!.expires }, ...this.flags(s.user, s.mfaVerified) } };
      }
      case 'GET /auth/password-expiry-info': {
        this.me(path);
        const expires = new Date(Date.now() + this.passwordDaysRemaining * 86400_000);
        return { data: { password_changed_at: new Date().toISOString(), expires_at: expires.toISOString(), days_remaining: this.passwordDaysRemaining, expired: false, max_age_days: 90 } };
      }
      case 'POST /auth/mfa/verify': {
        const s = this.me(path);
        if (!s.user.totp || s.user.totp.validate({ token: String(b.code), window: 1 }) === null) throw new HttpError(400, 'invalid_code', 'The code is wrong.', [{ path: '/code', message: 'The code is wrong.' }]);
        s.user.mfaEnabled = true;
        s.mfaVerified = true;
        return { data: { token: 'jwt', expires_at: this.session!.expires, mfa_verified: true } };
      }
      case 'POST /auth/mfa/verify-backup': {
        const s = this.me(path);
        if (!s.user.backup.delete(String(b.code))) throw new HttpError(400, 'invalid_code', 'The code is wrong.', [{ path: '/code', message: 'The code is wrong.' }]);
        s.mfaVerified = true;
        return { data: { token: 'jwt', expires_at: this.session!.expires, mfa_verified: true, backup_codes_remaining: s.user.backup.size } };
      }
      case 'POST /auth/mfa/disable': {
        const s = this.me(path);
        if (!s.user.totp || s.user.totp.validate({ token: String(b.code), window: 1 }) === null) throw new HttpError(400, 'invalid_code', 'The code is wrong.', [{ path: '/code', message: 'The code is wrong.' }]);
        s.user.mfaEnabled = false;
        s.user.totp = null;
        return { data: {} };
      }
      case 'GET /api/user/settings':
      case 'PUT /api/user/settings': {
        const { user } = this.me(path);
        const extra: Json = {};
        if (method === 'PUT') {
          if (b.name !== undefined) user.name = b.name;
          if (b.mfa_enabled === true && !user.mfaEnabled) {
            if (b.current_password !== user.password) throw new HttpError(401, 'invalid_credentials', 'The password is wrong.', [{ path: '/current_password', message: 'The password is wrong.' }]);
            user.totp = new OTPAuth.TOTP({ issuer: 'Vault', label: user.email, secret: new OTPAuth.Secret({ size: 20 }) });
            user.backup = new Set(Array.from({ length: 10 }, () => b62(10).toLowerCase()));
            extra.totp_uri = user.totp.toString();
            extra.backup_codes = [...user.backup];
          }
        }
        return { data: { id: user.id, email: user.email, name: user.name, created_at: new Date().toISOString(), mfa_enabled: user.mfaEnabled, mfa_pending: !!user.totp && !user.mfaEnabled, mfa_required: this.mfaRequired(user), password_changed_at: new Date().toISOString(), password_expires_at: null, ...extra } };
      }
      case 'GET /api/projects': {
        const { user } = this.me(path);
        return this.page([...this.projects.values()].filter((p) => p.members.has(user.id)).map((p) => this.projectView(p, user)), q);
      }
      case 'POST /api/projects': {
        const { user } = this.me(path);
        if (!b.name) throw new HttpError(400, 'validation_error', 'The request is missing fields or has invalid ones.', [{ path: '/name', message: 'must NOT have fewer than 1 characters' }]);
        const p: Project = { id: id('prj'), name: b.name, environment: b.environment, require_mfa: !!b.require_mfa, deduplicate: !!b.deduplicate, proxy_allowed_hosts: b.proxy_allowed_hosts ?? [], created_at: new Date().toISOString(), members: new Map([[user.id, 'owner']]) };
        this.projects.set(p.id, p);
        this.record(p, { event_type: 'project', action: 'create', resource_type: 'project', resource_id: p.id, user_id: user.id });
        return { status: 201, data: this.projectView(p, user) };
      }
      case 'GET /api/applications': {
        const { user } = this.me(path);
        const p = this.project(q.get('project_id') ?? '', user);
        return this.page([...this.apps.values()].filter((a) => a.project_id === p.id).map(({ api_key, ...a }) => a), q);
      }
      case 'POST /api/applications': {
        const { user } = this.me(path);
        const p = this.project(b.project_id, user, 'admin');
        if (typeof b.name !== 'string' || b.name.length < 3) throw new HttpError(400, 'validation_error', 'The request is missing fields or has invalid ones.', [{ path: '/name', message: 'must NOT have fewer than 3 characters' }]);
        if ([...this.apps.values()].some((a) => a.project_id === p.id && a.name === b.name)) throw new HttpError(409, 'conflict', 'An application with this name exists in the project.', [{ path: '/name', message: 'is already taken in this project' }]);
        const slug = b.name.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 24);
        const apiKey = `key_${slug}_us_pvt_${b62(40)}`;
        const a: App = { id: id('app'), project_id: p.id, name: b.name, permissions: b.permissions, pub_key: `pk_${p.environment === 'production' ? 'prod' : 'test'}_${randomBytes(8).toString('hex')}_${b62(40)}`, key_prefix: `${apiKey.slice(0, slug.length + 16)}…`, api_key: apiKey, created_at: new Date().toISOString() };
        this.apps.set(a.id, a);
        this.record(p, { event_type: 'application', action: 'create', resource_type: 'application', resource_id: a.id, user_id: user.id });
        return { status: 201, data: { id: a.id, name: a.name, api_key: apiKey, pub_key: a.pub_key, permissions: a.permissions, created_at: a.created_at } };
      }
      case 'GET /api/tokens': {
        const { user } = this.me(path);
        const p = this.project(q.get('project_id') ?? '', user);
        const type = q.get('type');
        return this.page(this.tokens.filter((t) => t.project_id === p.id && (!type || t.type === type)).reverse(), q);
      }
      case 'GET /api/audit-logs': {
        const { user } = this.me(path);
        const p = this.project(q.get('project_id') ?? '', user);
        const f = (k: string) => q.get(k);
        const rows = this.audit.filter((a) => a.project_id === p.id && (!f('event_type') || a.event_type === f('event_type')) && (!f('action') || a.action === f('action')) && (!f('from') || a.created_at >= f('from')!));
        return this.page(rows.reverse(), q);
      }
      case 'GET /api/audit-logs/verify': {
        const { user } = this.me(path);
        const p = this.project(q.get('project_id') ?? '', user);
        const rows = this.audit.filter((a) => a.project_id === p.id);
        return { data: { valid: true, entries: rows.length, head_hash: rows.at(-1)?.hash ?? null } };
      }
    }
    if ((m = path.match(/^\/api\/projects\/([^/]+)$/))) {
      const { user } = this.me(path);
      const p = this.project(m[1], user, method === 'GET' ? 'viewer' : method === 'PUT' ? 'admin' : 'owner');
      if (method === 'GET') return { data: this.projectView(p, user) };
      if (method === 'PUT') {
        Object.assign(p, b);
        this.record(p, { event_type: 'project', action: 'update', resource_type: 'project', resource_id: p.id, user_id: user.id });
        return { data: this.projectView(p, user) };
      }
      this.projects.delete(p.id);
      return { data: {} };
    }
    if ((m = path.match(/^\/api\/projects\/([^/]+)\/members$/))) {
      const { user } = this.me(path);
      const p = this.project(m[1], user, method === 'GET' ? 'viewer' : 'admin');
      if (method === 'POST') {
        const u = this.users.get(String(b.email).toLowerCase());
        if (!u) throw new HttpError(404, 'not_found', 'No account uses this email.', [{ path: '/email', message: 'No account uses this email.' }]);
        p.members.set(u.id, b.role);
        this.record(p, { event_type: 'member', action: 'add', resource_type: 'user', resource_id: u.id, user_id: user.id });
        return { status: 201, data: { user_id: u.id, email: u.email, name: u.name, role: b.role } };
      }
      return this.page([...p.members].map(([uid, role]) => { const u = [...this.users.values()].find((x) => x.id === uid)!; return { user_id: uid, email: u.email, name: u.name, role }; }), q);
    }
    if ((m = path.match(/^\/api\/applications\/([^/]+)$/)) && method === 'DELETE') {
      const { user } = this.me(path);
      const a = this.apps.get(m[1]);
      if (!a) throw new HttpError(404, 'not_found', 'Application not found.');
      const p = this.project(a.project_id, user, 'admin');
      this.apps.delete(a.id);
      this.record(p, { event_type: 'application', action: 'delete', resource_type: 'application', resource_id: a.id, user_id: user.id });
      return { data: {} };
    }
    throw new HttpError(404, 'not_found', `The contract double does not answer ${route}.`);
  }
}
