// The hidden tokenizer frame: the only code that talks to the vault. It hands each field frame of
// its own pub key and instance a MessageChannel port (on the vault's origin only), collects the
// values over those ports when the merchant page asks for a token, and sends the page the token
// alone. A field of another pub key is never linked: its value would go to a project it did not name.
import { cardBrand, cvvLength, expiryState, luhnValid, parseExpiry, abaValid, type Brand } from '../card.js';
import {
  BANK_FIELDS, CARD_FIELDS, type ErrorType, type FieldType, isTagged, type PortMessage, type TokenizeRequest,
} from '../protocol.js';
import { frameParams, fromParent, fromVault, ID, ours, toParent, toSiblings, toVaultFrame } from './common.js';

interface Field {
  type: FieldType;
  port: MessagePort;
}

const TYPES: readonly string[] = [...CARD_FIELDS, ...BANK_FIELDS];

/** The parts of /tokenize's answer (201) or error body the tokenizer reads. */
interface VaultAnswer {
  success?: boolean;
  message?: string;
  error?: { code?: string };
  token: string;
  cvc_session_id?: string;
  brand: string;
  last4: string;
  bin: string;
  data?: { expirationMonth?: string; expirationYear?: string };
}

class TokenizeError extends Error {
  constructor(readonly type: ErrorType, message: string, readonly code?: string) {
    super(message);
  }
}

const p = frameParams();
if (p) start();

function start() {
  const params = p!;
  const fields = new Map<string, Field>();
  let nextId = 0;
  const waiting = new Map<number, (v: string) => void>();
  let busy = false;

  const forwardBrand = (brand: Brand) => {
    for (const f of fields.values()) if (f.type === 'cvv') f.port.postMessage({ kind: 'brand', brand } satisfies PortMessage);
  };

  const link = (source: Window, frame: string, type: FieldType, nonce: string) => {
    fields.get(frame)?.port.close();
    const channel = new MessageChannel();
    channel.port1.onmessage = (m: MessageEvent<PortMessage>) => {
      if (m.data.kind === 'value') waiting.get(m.data.id)?.(m.data.value);
      else if (m.data.kind === 'brand') forwardBrand(m.data.brand);
    };
    fields.set(frame, { type, port: channel.port1 });
    toVaultFrame(source, { kind: 'port', pk: params.pubKey, instance: params.instance, nonce }, [channel.port2]);
  };

  const collect = (type: FieldType, required: boolean): Promise<string> => {
    const field = [...fields.values()].reverse().find((f) => f.type === type);
    if (!field) {
      return required ? Promise.reject(new TokenizeError('validation', `The ${type} element is not mounted.`)) : Promise.resolve('');
    }
    const id = ++nextId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new TokenizeError('load', `The ${type} element did not answer.`));
      }, 3000);
      waiting.set(id, (v) => {
        clearTimeout(timer);
        waiting.delete(id);
        resolve(v);
      });
      field.port.postMessage({ kind: 'collect', id } satisfies PortMessage);
    });
  };

  async function cardBody(req: TokenizeRequest) {
    const number = await collect('cardNumber', true);
    const exp = parseExpiry(await collect('expirationDate', true));
    const cvv = await collect('cvv', false);
    const brand = cardBrand(number);
    if (!luhnValid(number) || number.length < 13) throw new TokenizeError('validation', 'The card number is invalid.', 'invalid_card_number');
    if (!expiryState(exp).valid) throw new TokenizeError('validation', 'The expiration date is invalid or in the past.', 'invalid_expiry');
    if ([...fields.values()].some((f) => f.type === 'cvv') && cvv.length !== cvvLength(brand)) {
      throw new TokenizeError('validation', 'The security code is invalid.', 'invalid_cvv');
    }
    const data: Record<string, string> = { cardNumber: number, expirationMonth: exp.month, expirationYear: `20${exp.year}` };
    if (cvv) data.cvv = cvv;
    if (req.holderName) data.holderName = req.holderName;
    return { type: 'card', data };
  }

  async function bankBody(req: TokenizeRequest) {
    const accountNumber = await collect('accountNumber', true);
    const routingNumber = await collect('routingNumber', true);
    if (!/^\d{4,17}$/.test(accountNumber)) throw new TokenizeError('validation', 'The account number is invalid.', 'validation_error');
    if (!abaValid(routingNumber)) throw new TokenizeError('validation', 'The routing number is invalid.', 'invalid_routing_number');
    const data: Record<string, string> = { accountNumber, routingNumber };
    if (req.holderName) data.holderName = req.holderName;
    return { type: 'bank', data };
  }

  async function tokenize(req: TokenizeRequest) {
    const body = req.what === 'bank' ? await bankBody(req) : await cardBody(req);
    let res: Response;
    try {
      res = await fetch('/tokenize', {
        method: 'POST',
        credentials: 'omit',
        cache: 'no-store',
        headers: { 'content-type': 'application/json', 'x-pub-key': params.pubKey, 'x-session-key': req.sessionKey },
        body: JSON.stringify(body),
      });
    } catch {
      throw new TokenizeError('network', 'The vault could not be reached.');
    }
    const json = (await res.json().catch(() => null)) as VaultAnswer | null;
    if (res.status !== 201 || !json?.success) {
      const code: string | undefined = json?.error?.code;
      const message: string = typeof json?.message === 'string' ? json.message : `The vault answered ${res.status}.`;
      const t: ErrorType = res.status === 401 || res.status === 403 ? 'auth' : res.status === 429 ? 'rate_limit' : res.status < 500 ? 'validation' : 'server';
      throw new TokenizeError(t, message, code);
    }
    if (req.what === 'bank') {
      return { token: json.token, bank: { last4: body.data.accountNumber.slice(-4), routingNumber: body.data.routingNumber } };
    }
    return {
      token: json.token,
      cvcSession: json.cvc_session_id ?? null,
      card: {
        brand: json.brand, last4: json.last4, bin: json.bin,
        expirationMonth: json.data?.expirationMonth ?? body.data.expirationMonth, expirationYear: json.data?.expirationYear ?? body.data.expirationYear,
      },
      billing: req.billing ?? null,
    };
  }

  window.addEventListener('message', (e) => {
    if (!isTagged(e.data)) return;
    const d = e.data as unknown as Record<string, unknown>;
    if (fromVault(e)) {
      // Only a field that names this tokenizer's pub key and instance, answered at the window it
      // came from with the nonce it chose.
      if (d.kind === 'field-hello' && ours(params, d) && typeof d.frame === 'string' && ID.test(d.frame) &&
        typeof d.type === 'string' && TYPES.includes(d.type) && typeof d.nonce === 'string' && ID.test(d.nonce)) {
        link(e.source, d.frame, d.type as FieldType, d.nonce);
      }
      return;
    }
    if (!fromParent(params, e)) return;
    if (d.kind === 'unlink' && typeof d.frame === 'string') {
      fields.get(d.frame)?.port.close();
      fields.delete(d.frame);
      return;
    }
    if (d.kind !== 'tokenize') return;
    const req = d as unknown as TokenizeRequest;
    if (typeof req.rid !== 'number' || typeof req.sessionKey !== 'string') return;
    if (busy) {
      toParent(params, { kind: 'result', rid: req.rid, ok: false, error: { type: 'validation', message: 'A tokenization is already in progress.' } });
      return;
    }
    busy = true;
    tokenize(req)
      .then((result) => toParent(params, { kind: 'result', rid: req.rid, ok: true, result }))
      .catch((err: unknown) => {
        const e2 = err instanceof TokenizeError ? err : new TokenizeError('server', 'Tokenization failed.');
        toParent(params, { kind: 'result', rid: req.rid, ok: false, error: { type: e2.type, code: e2.code, message: e2.message } });
      })
      .finally(() => {
        busy = false;
      });
  });

  toSiblings({ kind: 'tokenizer-hello', pk: params.pubKey, instance: params.instance });
  toParent(params, { kind: 'ready', frame: params.frame });
}
