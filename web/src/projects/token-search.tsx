// The tokens list's search form (§6.3): brand, BIN, last 4, card expiry, one metadata key and
// value, creation time. Never by full card or account number: that search is for API keys with
// the detokenize right only, and `TokenSearch` does not even have the field.
import { useState } from 'react';
import { ApiError, type TokenSearch } from '../api';
import { Field, FormAlert, SelectField } from '../ui/forms';

/** The filters a search sends (project, type and page are the list's own). */
export type SearchFilters = Omit<TokenSearch, 'project_id' | 'type' | 'limit' | 'cursor'>;

/** The top-level `brand` of a card answer (Ozura's names), as the search takes it. */
export const BRANDS: [string, string][] = [
  ['visa', 'Visa'],
  ['mastercard', 'Mastercard'],
  ['amex', 'American Express'],
  ['discover', 'Discover'],
  ['diners', 'Diners Club'],
  ['jcb', 'JCB'],
  ['unionpay', 'UnionPay'],
  ['maestro', 'Maestro'],
  ['mir', 'Mir'],
  ['elo', 'Elo'],
  ['hiper', 'Hiper'],
  ['hipercard', 'Hipercard'],
  ['troy', 'Troy'],
  ['naranja', 'Naranja'],
  ['verve', 'Verve'],
];
const brandName = new Map([...BRANDS, ['unknown', 'Unknown']]);
export const brandLabel = (b: string | undefined) => (b ? (brandName.get(b) ?? b) : '—');

const MONTHS: [string, string][] = [['', 'Any'], ...Array.from({ length: 12 }, (_, i): [string, string] => [String(i + 1), String(i + 1).padStart(2, '0')])];
const VALUE_KINDS: [string, string][] = [
  ['text', 'Text'],
  ['number', 'Number'],
  ['boolean', 'true or false'],
];

const EMPTY = { brand: '', bin: '', last4: '', month: '', year: '', key: '', value: '', kind: 'text', from: '', to: '' };
type Draft = typeof EMPTY;
/** The API's names for the form's fields, so its error details land next to them. */
const FIELDS = ['brand', 'bin', 'last4', 'expiration_month', 'expiration_year', 'metadata', 'created_from', 'created_to'];

/** The form's values as the search's filters, or the fields the vault would refuse anyway. */
function toFilters(d: Draft): SearchFilters | ApiError {
  const f: SearchFilters = {};
  const bad: { path: string; message: string }[] = [];
  const digits = (s: string) => s.replace(/[\s-]/g, '');
  if (d.brand) f.brand = d.brand;
  if (d.bin.trim()) f.bin = digits(d.bin);
  if (d.last4.trim()) f.last4 = digits(d.last4);
  if (d.month) f.expiration_month = Number(d.month);
  if (d.year.trim()) {
    if (/^\d{4}$/.test(d.year.trim())) f.expiration_year = Number(d.year.trim());
    else bad.push({ path: '/expiration_year', message: 'must be 4 digits, such as 2030' });
  }
  const key = d.key.trim();
  if (key || d.value) {
    if (!key) bad.push({ path: '/metadata', message: 'is required with a value' });
    else if (d.kind === 'number' && (d.value.trim() === '' || !Number.isFinite(Number(d.value)))) bad.push({ path: '/metadata_value', message: 'must be a number' });
    else if (d.kind === 'boolean' && !['true', 'false'].includes(d.value.trim())) bad.push({ path: '/metadata_value', message: 'must be true or false' });
    else f.metadata = { [key]: d.kind === 'number' ? Number(d.value) : d.kind === 'boolean' ? d.value.trim() === 'true' : d.value };
  }
  // datetime-local is the browser's time zone, as every time on screen.
  const iso = (s: string) => new Date(s).toISOString();
  if (d.from) f.created_from = iso(d.from);
  if (d.to) f.created_to = iso(d.to);
  return bad.length > 0 ? new ApiError(0, 'validation_error', 'Please correct the highlighted fields.', bad) : f;
}

/**
 * `onSearch(null)`: back to the plain list. `error`: the vault's answer to the last search, shown
 * next to the fields it names (or in the form's alert).
 */
export function TokenSearchForm({ onSearch, error, busy }: { onSearch: (f: SearchFilters | null) => void; error: ApiError | null; busy: boolean }) {
  const [draft, setDraft] = useState(EMPTY);
  const [local, setLocal] = useState<ApiError | null>(null);
  const set = (k: keyof Draft) => (v: string) => setDraft({ ...draft, [k]: v });
  const shown = local ?? (error?.code === 'validation_error' ? error : null);
  return (
    <form
      className="filters token-search"
      aria-label="Search tokens"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const f = toFilters(draft);
        if (f instanceof ApiError) return setLocal(f);
        setLocal(null);
        onSearch(Object.keys(f).length > 0 ? f : null);
      }}
    >
      <SelectField label="Brand" name="brand" value={draft.brand} onChange={set('brand')} options={[['', 'Any'], ...BRANDS]} error={shown} />
      <Field label="BIN" name="bin" hint="First 6 or 8 digits" inputMode="numeric" maxLength={8} value={draft.bin} onChange={set('bin')} error={shown} />
      <Field label="Last 4" name="last4" inputMode="numeric" maxLength={4} value={draft.last4} onChange={set('last4')} error={shown} />
      <SelectField label="Expiry month" name="expiration_month" value={draft.month} onChange={set('month')} options={MONTHS} error={shown} />
      <Field label="Expiry year" name="expiration_year" inputMode="numeric" maxLength={4} value={draft.year} onChange={set('year')} error={shown} />
      <Field label="Metadata key" name="metadata" maxLength={100} value={draft.key} onChange={set('key')} error={shown} />
      <Field label="Metadata value" name="metadata_value" hint="Exact match" value={draft.value} onChange={set('value')} error={shown} />
      <SelectField label="Match value as" name="metadata_kind" value={draft.kind} onChange={set('kind')} options={VALUE_KINDS} />
      <Field label="Created from" name="created_from" type="datetime-local" value={draft.from} onChange={set('from')} error={shown} />
      <Field label="Created before" name="created_to" type="datetime-local" value={draft.to} onChange={set('to')} error={shown} />
      <div className="actions">
        <button type="submit" disabled={busy}>
          Search
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setDraft(EMPTY);
            setLocal(null);
            onSearch(null);
          }}
        >
          Clear search
        </button>
      </div>
      <FormAlert error={shown} fields={[...FIELDS, 'metadata_value']} />
    </form>
  );
}
