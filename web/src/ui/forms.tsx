// Labelled fields with their API error, one alert region per form, and buttons that are
// disabled while a request is in flight.
import { type ReactNode, useId, useState } from 'react';
import type { ApiError } from '../api';
import { fieldSentence } from './sentence';

/**
 * The API's message for one field: from `error.details[].path`, or — for errors the API sends
 * without details but that can only concern this field (e.g. `weak_password`) — by error code.
 */
function messageFor(error: ApiError | null | undefined, name: string, codes?: string[]): string | undefined {
  if (!error) return undefined;
  return error.fieldMessage(name) ?? (error.details.length === 0 && codes?.includes(error.code) ? error.message : undefined);
}

/**
 * Every form of the dashboard: the API validates (noValidate, so its messages are the ones
 * shown), and submitting runs `onSubmit` instead of navigating.
 */
export function Form(p: { label?: string; className?: string; onSubmit: () => void; children: ReactNode }) {
  return (
    <form
      className={p.className}
      noValidate
      aria-label={p.label}
      onSubmit={(e) => {
        e.preventDefault();
        p.onSubmit();
      }}
    >
      {p.children}
    </form>
  );
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
  const msg = fieldSentence(p.label, messageFor(p.error, p.name, p.codes));
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

export function SelectField<T extends string>(p: { label: string; name: string; value: T; onChange: (v: T) => void; options: [T, string][]; error?: ApiError | null }) {
  const id = useId();
  const msg = fieldSentence(p.label, p.error?.fieldMessage(p.name));
  return (
    <div className="field">
      <label htmlFor={id}>{p.label}</label>
      <select id={id} name={p.name} value={p.value} onChange={(e) => p.onChange(e.target.value as T)} aria-invalid={msg ? true : undefined} aria-describedby={msg ? `${id}-err` : undefined}>
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
