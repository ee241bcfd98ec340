// A field frame: one input on the vault's origin. Its value leaves only over the MessageChannel
// port that a tokenizer of its own pub key and instance hands it in answer to one of its hellos;
// the merchant page gets state events, never the value.
import {
  accountState, type Brand, cardBrand, cvvLength, cvvState, expiryState, type FieldState, formatExpiry, formatPan, panState,
  parseExpiry, routingState,
} from '../card.js';
import { type FieldConfig, type FieldType, isTagged, type PortMessage, STYLE_PROPERTIES, type StyleRules } from '../protocol.js';
import { frameParams, fromParent, fromVault, nonce, ours, toParent, toSiblings, toVaultFrame } from './common.js';

const SPEC: Record<FieldType, { label: string; placeholder: string; autocomplete: string; max: number }> = {
  cardNumber: { label: 'Card number', placeholder: '1234 1234 1234 1234', autocomplete: 'cc-number', max: 19 },
  expirationDate: { label: 'Expiration date (MM / YY)', placeholder: 'MM / YY', autocomplete: 'cc-exp', max: 4 },
  cvv: { label: 'Security code (CVV)', placeholder: 'CVV', autocomplete: 'cc-csc', max: 4 },
  accountNumber: { label: 'Bank account number', placeholder: 'Account number', autocomplete: 'off', max: 17 },
  routingNumber: { label: 'Routing number', placeholder: 'Routing number', autocomplete: 'off', max: 9 },
};

const THEMES = {
  default: { colorText: '#1a1f36', colorBackground: '#ffffff', colorDanger: '#b3261e', colorPlaceholder: '#6b7280' },
  night: { colorText: '#f3f4f6', colorBackground: '#1f2933', colorDanger: '#ff8a80', colorPlaceholder: '#9aa5b1' },
  flat: { colorText: '#111827', colorBackground: '#f3f4f6', colorDanger: '#b91c1c', colorPlaceholder: '#6b7280' },
};

const p = frameParams();
const type = p?.search.get('type') as FieldType | null;
if (p && type && type in SPEC) start(type);

function start(type: FieldType) {
  const params = p!;
  const spec = SPEC[type];
  const label = document.createElement('label');
  label.htmlFor = 'field';
  label.className = 'sr-only';
  label.textContent = spec.label;
  const input = document.createElement('input');
  input.id = 'field';
  input.name = spec.autocomplete === 'off' ? type : spec.autocomplete;
  input.type = 'text';
  input.inputMode = 'numeric';
  input.autocomplete = spec.autocomplete as AutoFill;
  input.spellcheck = false;
  input.placeholder = spec.placeholder;
  const error = document.createElement('span');
  error.id = 'field-error';
  error.className = 'sr-only';
  error.setAttribute('role', 'status');
  input.setAttribute('aria-describedby', error.id);
  document.body.append(label, input, error);

  let raw = '';
  let brand: Brand = 'unknown';
  let port: MessagePort | null = null;
  let config: FieldConfig = {};
  let focused = false;
  let last = '';

  const state = (): FieldState => {
    switch (type) {
      case 'cardNumber': return panState(raw);
      case 'expirationDate': return expiryState(parseExpiry(raw));
      case 'cvv': return cvvState(raw, brand);
      case 'accountNumber': return accountState(raw);
      case 'routingNumber': return routingState(raw);
    }
  };

  const applyStyle = () => {
    const s = state();
    const vars = { ...THEMES[config.appearance?.theme ?? 'default'], ...config.appearance?.variables };
    const rules: StyleRules = {
      color: vars.colorText, backgroundColor: vars.colorBackground, fontFamily: vars.fontFamily, fontSize: vars.fontSize, borderRadius: vars.borderRadius,
      ...config.style?.base,
      ...(focused ? config.style?.focus : {}),
      ...(s.complete && s.valid ? config.style?.complete : {}),
      ...(showInvalid(s) ? { color: vars.colorDanger, ...config.style?.invalid } : {}),
    };
    for (const prop of STYLE_PROPERTIES) {
      const v = rules[prop];
      // CSSOM only (the frame's CSP has no 'unsafe-inline'); no url(): the CSP would refuse it anyway.
      input.style[prop] = typeof v === 'string' && v.length <= 200 && !/url\s*\(/i.test(v) ? v : '';
    }
    document.documentElement.style.setProperty('--placeholder', config.style?.placeholder?.color ?? vars.colorPlaceholder ?? '');
  };

  const showInvalid = (s: FieldState) => !s.empty && !s.valid && (s.complete || !focused);

  const render = () => {
    if (type === 'cardNumber') input.value = formatPan(raw);
    else if (type === 'expirationDate') input.value = formatExpiry(parseExpiry(raw));
    else input.value = raw;
    const s = state();
    input.setAttribute('aria-invalid', String(showInvalid(s)));
    error.textContent = showInvalid(s) ? `${spec.label} is invalid` : '';
    applyStyle();
    const summary = JSON.stringify(s);
    if (summary !== last) {
      last = summary;
      toParent(params, { kind: 'change', frame: params.frame, state: s });
    }
  };

  const maxFor = () => (type === 'cvv' ? cvvLength(brand) : SPEC[type].max);

  input.addEventListener('input', () => {
    const before = cardBrand(raw);
    raw = type === 'expirationDate' ? keepExpiry(input.value) : input.value.replace(/\D/g, '').slice(0, maxFor());
    render();
    const after = cardBrand(raw);
    if (type === 'cardNumber' && after !== before) port?.postMessage({ kind: 'brand', brand: after } satisfies PortMessage);
  });
  input.addEventListener('focus', () => {
    focused = true;
    render();
    toParent(params, { kind: 'focus', frame: params.frame });
  });
  input.addEventListener('blur', () => {
    focused = false;
    render();
    toParent(params, { kind: 'blur', frame: params.frame });
  });

  // Nonces of the hellos not yet answered, with the window each went to (null: every sibling).
  const asked = new Map<string, Window | null>();
  const hello = (to: Window | null) => {
    const n = nonce();
    asked.set(n, to);
    // A flood of hellos (many tokenizers) keeps only the latest few open.
    if (asked.size > 8) asked.delete(asked.keys().next().value!);
    return { kind: 'field-hello' as const, pk: params.pubKey, instance: params.instance, frame: params.frame, type, nonce: n };
  };

  const accept = (p2: MessagePort) => {
    port?.close();
    port = p2;
    port.onmessage = (m: MessageEvent<PortMessage>) => {
      if (m.data.kind === 'collect') port!.postMessage({ kind: 'value', id: m.data.id, value: raw } satisfies PortMessage);
      else if (m.data.kind === 'brand' && type === 'cvv') {
        brand = m.data.brand;
        raw = raw.slice(0, cvvLength(brand));
        render();
      }
    };
    if (type === 'cardNumber') port.postMessage({ kind: 'brand', brand: cardBrand(raw) } satisfies PortMessage);
  };

  window.addEventListener('message', (e) => {
    if (!isTagged(e.data)) return;
    const d = e.data as { kind: string; pk?: unknown; instance?: unknown; nonce?: unknown; config?: FieldConfig };
    if (fromParent(params, e)) {
      if (d.kind === 'configure' && d.config && typeof d.config === 'object') {
        config = d.config;
        if (typeof config.placeholder === 'string') input.placeholder = config.placeholder.slice(0, 100);
        if (typeof config.label === 'string') label.textContent = config.label.slice(0, 100);
        render();
      } else if (d.kind === 'focus') input.focus();
      else if (d.kind === 'clear') {
        raw = '';
        render();
      }
      return;
    }
    // Only vault frames of this page with this field's own pub key and instance: a tokenizer of
    // another project (or instance) that the page added never gets a port to this field.
    if (!fromVault(e) || !ours(params, d)) return;
    if (d.kind === 'tokenizer-hello') toVaultFrame(e.source, hello(e.source));
    else if (d.kind === 'port' && e.ports[0] && typeof d.nonce === 'string' && asked.has(d.nonce)) {
      const to = asked.get(d.nonce);
      if (to !== null && to !== e.source) return;
      asked.delete(d.nonce);
      accept(e.ports[0]);
    }
  });

  applyStyle();
  toSiblings(hello(null));
  toParent(params, { kind: 'ready', frame: params.frame });
}

/** Digits and one separator, so "12/2030" from autofill and "1230" typed both parse. */
function keepExpiry(v: string): string {
  const e = parseExpiry(v.replace(/[^\d/ -]/g, '').slice(0, 9));
  return e.year ? `${e.month}/${e.year}` : e.month.replace(/\D/g, '');
}
