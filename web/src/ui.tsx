// Small accessible building blocks: labelled fields with their API error, one alert region per
// form, buttons that are disabled while a request is in flight, and a tiny history router.
import { type ReactNode, useCallback, useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { ApiError } from './api';

// ---------- router ----------
const routeListeners = new Set<() => void>();
function subscribe(fn: () => void) {
  routeListeners.add(fn);
  window.addEventListener('popstate', fn);
  return () => {
    routeListeners.delete(fn);
    window.removeEventListener('popstate', fn);
  };
}
export function navigate(to: string, replace = false) {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  routeListeners.forEach((fn) => fn());
  window.scrollTo(0, 0);
}
export function useLocation() {
  const href = useSyncExternalStore(subscribe, () => location.pathname + location.search);
  const url = new URL(href, location.origin);
  return { path: url.pathname, query: url.searchParams };
}
export function Link(props: { to: string; children: ReactNode; className?: string; 'aria-current'?: 'page' | undefined }) {
  return (
    <a
      href={props.to}
      className={props.className}
      aria-current={props['aria-current']}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(props.to);
      }}
    >
      {props.children}
    </a>
  );
}

// ---------- async actions ----------
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'client_error', e instanceof Error ? e.message : String(e));
      if (mounted.current) setError(err);
      return undefined;
    } finally {
      if (mounted.current) setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}

/** Loads data on mount and when `deps` change; `reload()` fetches again. */
export function useLoad<T>(fn: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    fn().then(
      (d) => {
        if (live) {
          setData(d);
          setLoading(false);
        }
      },
      (e) => {
        if (live) {
          setError(e instanceof ApiError ? e : new ApiError(0, 'client_error', String(e)));
          setLoading(false);
        }
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  return { data, setData, error, loading, reload: () => setTick((t) => t + 1) };
}

// ---------- form pieces ----------
/**
 * The API's message for one field: from `error.details[].path`, or — for errors the API sends
 * without details but that can only concern this field (e.g. `weak_password`) — by error code.
 */
export function messageFor(error: ApiError | null | undefined, name: string, codes?: string[]): string | undefined {
  if (!error) return undefined;
  return error.fieldMessage(name) ?? (error.details.length === 0 && codes?.includes(error.code) ? error.message : undefined);
}

type FieldProps = {
  label: string;
  /** Error codes that, without details, concern this field. */
  codes?: string[];
  name: string;
  error?: ApiError | null;
  hint?: string;
  type?: string;
  value: string;
  onChange: (v: string) => void;
  autoComplete?: string;
  required?: boolean;
  inputMode?: 'numeric' | 'text' | 'email';
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  autoFocus?: boolean;
};

export function Field(p: FieldProps) {
  const id = useId();
  const msg = messageFor(p.error, p.name, p.codes);
  const describedBy = [p.hint ? `${id}-hint` : '', msg ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{p.label}</label>
      {p.hint && (
        <p id={`${id}-hint`} className="hint">
          {p.hint}
        </p>
      )}
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        autoComplete={p.autoComplete}
        required={p.required}
        inputMode={p.inputMode}
        minLength={p.minLength}
        maxLength={p.maxLength}
        pattern={p.pattern}
        autoFocus={p.autoFocus}
        aria-invalid={msg ? true : undefined}
        aria-describedby={describedBy}
      />
      {msg && (
        <p id={`${id}-err`} className="field-error">
          {msg}
        </p>
      )}
    </div>
  );
}

/** A textarea with its hint and field error, both tied to it for screen readers; `children` sit between the box and the error. */
export function TextareaField(p: { id: string; label: string; name: string; rows: number; value: string; onChange: (v: string) => void; hint: ReactNode; error?: string; children?: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={p.id}>{p.label}</label>
      <p className="hint" id={`${p.id}-hint`}>
        {p.hint}
      </p>
      <textarea
        id={p.id}
        name={p.name}
        rows={p.rows}
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        aria-describedby={`${p.id}-hint${p.error ? ` ${p.id}-err` : ''}`}
        aria-invalid={p.error ? true : undefined}
      />
      {p.children}
      {p.error && (
        <p className="field-error" id={`${p.id}-err`}>
          {p.error}
        </p>
      )}
    </div>
  );
}

export function SelectField(p: { label: string; name: string; value: string; onChange: (v: string) => void; options: [string, string][]; error?: ApiError | null }) {
  const id = useId();
  const msg = p.error?.fieldMessage(p.name);
  return (
    <div className="field">
      <label htmlFor={id}>{p.label}</label>
      <select id={id} name={p.name} value={p.value} onChange={(e) => p.onChange(e.target.value)} aria-invalid={msg ? true : undefined} aria-describedby={msg ? `${id}-err` : undefined}>
        {p.options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
      {msg && (
        <p id={`${id}-err`} className="field-error">
          {msg}
        </p>
      )}
    </div>
  );
}

export function Checkbox(p: { label: string; name: string; checked: boolean; onChange: (v: boolean) => void; hint?: string }) {
  const id = useId();
  return (
    <div className="field checkbox">
      <input id={id} name={p.name} type="checkbox" checked={p.checked} onChange={(e) => p.onChange(e.target.checked)} aria-describedby={p.hint ? `${id}-hint` : undefined} />
      <label htmlFor={id}>{p.label}</label>
      {p.hint && (
        <p id={`${id}-hint`} className="hint">
          {p.hint}
        </p>
      )}
    </div>
  );
}

/**
 * The one alert region of a form: shows the API's message unless every detail was shown next to
 * a field in `fields`.
 */
export function FormAlert({ error, fields = [], codes = [] }: { error: ApiError | null; fields?: string[]; codes?: string[] }) {
  let text = '';
  if (error) {
    const placed =
      (error.details.length > 0 && error.details.every((d) => fields.includes(d.path.replace(/^\//, '').split('/')[0]))) ||
      (error.details.length === 0 && codes.includes(error.code));
    text = placed ? 'Please correct the highlighted fields.' : error.message;
    if (error.status === 429 && typeof error.extra.retry_after_seconds === 'number') text += ` Try again in ${error.extra.retry_after_seconds} s.`;
  }
  return (
    <div role="alert" className={text ? 'alert' : 'alert empty'}>
      {text}
    </div>
  );
}

export function Submit({ busy, children, busyText }: { busy: boolean; children: ReactNode; busyText?: string }) {
  return (
    <button type="submit" disabled={busy} aria-busy={busy || undefined}>
      {busy ? (busyText ?? 'Working…') : children}
    </button>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

/**
 * The loading, error and empty states every loaded view shows, in one place. `empty` is shown
 * when the result is a list page with no rows.
 */
export function LoadState({ of, what, empty }: { of: { loading: boolean; error: ApiError | null; data?: unknown; reload: () => void }; what: string; empty?: string }) {
  const rows = (of.data as { data?: unknown[] } | undefined)?.data;
  return (
    <>
      {of.loading && <Loading what={what} />}
      {of.error && <LoadError error={of.error} retry={of.reload} />}
      {empty !== undefined && rows && rows.length === 0 && <p className="empty">{empty}</p>}
    </>
  );
}

export function LoadError({ error, retry }: { error: ApiError; retry?: () => void }) {
  return (
    <div role="alert" className="alert">
      {error.message}{' '}
      {retry && (
        <button type="button" className="link" onClick={retry}>
          Retry
        </button>
      )}
    </div>
  );
}

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className="secondary"
      aria-label={label}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setDone(true);
          setTimeout(() => setDone(false), 2000);
        } catch {
          setDone(false);
        }
      }}
    >
      {done ? 'Copied' : 'Copy'}
    </button>
  );
}

/** A modal confirmation built on <dialog>: focus is trapped and Escape cancels. */
export function ConfirmDialog(p: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  confirmDisabled?: boolean;
  error?: ApiError | null;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (p.open && !d.open) d.showModal();
    if (!p.open && d.open) d.close();
  }, [p.open]);
  return (
    <dialog ref={ref} aria-labelledby={titleId} onCancel={(e) => { e.preventDefault(); p.onCancel(); }}>
      <h2 id={titleId}>{p.title}</h2>
      {p.children}
      <FormAlert error={p.error ?? null} />
      <div className="actions">
        <button type="button" className="danger" disabled={p.busy || p.confirmDisabled} onClick={p.onConfirm}>
          {p.busy ? 'Working…' : p.confirmLabel}
        </button>
        <button type="button" className="secondary" onClick={p.onCancel} disabled={p.busy}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}

export function fmtTime(s?: string | null) {
  if (!s) return '—';
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? s : d.toLocaleString();
}
