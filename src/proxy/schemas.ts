// Wire shapes of /proxy/transaction and /proxy/delete-cvc-session (docs/api.md §3.4).
import { Type, type Static } from 'typebox';
import { ResponseField } from '../tokens/paths.js';

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

export const ProxyJsonBody = Type.Object(
  {
    token: Type.String({ minLength: 1, maxLength: 128 }),
    cvc_session_id: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()], { description: 'Needed for ${cvv} / ${cvc}' })),
    proxy_url: Type.String({ minLength: 1, maxLength: 4096, description: 'https URL of the payment processor' }),
    http_method: Type.Optional(Type.String({ pattern: '^[A-Za-z]{3,7}$', description: `One of ${METHODS.join(', ')}; default POST` })),
    http_headers: Type.Optional(Type.Record(Type.String({ maxLength: 256 }), Type.String({ maxLength: 8192 }), { maxProperties: 64 })),
    request_data: Type.Optional(
      Type.Unknown({ description: 'A JSON value (placeholders inside any string) or a string (form-encoded, XML, …)' }),
    ),
    tokenize_response: Type.Optional(Type.Array(ResponseField, {
      minItems: 1, maxItems: 32,
      description: "Card data (or any token type) at these JSONPaths of the PSP's JSON answer is tokenized into this project before the answer is returned",
    })),
  },
  {
    additionalProperties: false,
    examples: [{
      token: 'tok_3kT9xQ2mVb7LwR1s', cvc_session_id: 'cvc_8Jd2kQ', proxy_url: 'https://api.psp.example/v1/charges', http_method: 'POST',
      request_data: { amount: 1000, card: { number: '${cardNumber}', cvc: '${cvv}', exp_month: '${expirationMonth}', exp_year: '${expirationYear}' } },
    }],
  },
);
export type ProxyJsonBody = Static<typeof ProxyJsonBody>;

/** Raw mode: the body is the PSP's own body; these headers say where it goes. */
export const ProxyRawHeaders = Type.Object({
  'x-token': Type.Optional(Type.String()),
  'x-proxy-url': Type.Optional(Type.String()),
  'x-cvc-session-id': Type.Optional(Type.String()),
  'x-http-method': Type.Optional(Type.String()),
  'x-proxy-authorization': Type.Optional(Type.String({ description: "The PSP's credentials, forwarded as Authorization" })),
});

/** Header mode may name these in the query string instead (Ozura: "headers or query"). */
export const ProxyQuery = Type.Object({
  token: Type.Optional(Type.String({ maxLength: 128 })),
  proxy_url: Type.Optional(Type.String({ maxLength: 4096 })),
  cvc_session_id: Type.Optional(Type.String({ maxLength: 64 })),
  http_method: Type.Optional(Type.String({ maxLength: 7 })),
});

export const ProxyResult = Type.Object({
  success: Type.Literal(true),
  proxy_response: Type.Object({
    status_code: Type.Integer(),
    headers: Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())])),
    body: Type.Unknown({ description: 'Parsed JSON when the upstream said JSON, else a string; card numbers masked' }),
  }),
  tokenized: Type.Optional(Type.Array(Type.Object({
    path: Type.String({ description: 'The tokenize_response path' }),
    at: Type.String({ description: 'JSON Pointer of the value in the answer body' }),
    token: Type.Optional(Type.String()),
    error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
  }), { description: 'With tokenize_response: each place found, with its token or why it stayed masked' })),
});

export const CvcSessionParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export const CvcDeleted = Type.Object({ success: Type.Literal(true), message: Type.String() });
