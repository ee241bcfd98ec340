// US bank accounts (API.md §3.1): 4–17 digit account, ABA routing number.
import { Type } from 'typebox';
import { normalizeAccount, normalizeRouting } from '../validate.js';
import type { TokenTypeDescriptor } from './descriptor.js';
import { FORMAT } from '../../lib/token-formats.js';

export const BankData = Type.Object(
  {
    accountNumber: Type.String({ maxLength: 32 }),
    routingNumber: Type.String({ maxLength: 16 }),
    holderName: Type.Optional(Type.String({ maxLength: 200 })),
    // Ozura's bank elements send the holder's names; kept encrypted with the account.
    firstName: Type.Optional(Type.String({ maxLength: 100 })),
    lastName: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

interface BankInput { accountNumber: string; routingNumber: string; holderName?: string; firstName?: string; lastName?: string }

export const bank: TokenTypeDescriptor<typeof BankData> = {
  name: 'bank',
  data: BankData,
  formats: [FORMAT.random, FORMAT.uuid, FORMAT.numeric, FORMAT.last4_preserving],
  browserCapture: true,
  prepare(raw) {
    const d = raw as BankInput;
    const account = normalizeAccount(d.accountNumber);
    const routing = normalizeRouting(d.routingNumber);
    const stored: Record<string, string> = { accountNumber: account, routingNumber: routing };
    if (d.holderName) stored.holderName = d.holderName;
    if (d.firstName) stored.firstName = d.firstName;
    if (d.lastName) stored.lastName = d.lastName;
    const last4 = account.slice(-4);
    return {
      stored,
      canonical: `${routing}:${account}`,
      display: { accountNumber: '*'.repeat(account.length - 4) + last4, routingNumber: routing, last4 },
      cvv: null,
      digits: account,
    };
  },
  // Deduplication's fingerprint is over routing and account together, and so is this search.
  searchCanonical: (q) => (q.account_number === undefined ? null : `${normalizeRouting(q.routing_number ?? '')}:${normalizeAccount(q.account_number)}`),
  view: (display) => ({
    data: { accountNumber: display.accountNumber, routingNumber: display.routingNumber },
    mask: { account_number: display.accountNumber },
    last4: display.last4,
  }),
  placeholders(data) {
    const d = data as BankInput;
    const v: Record<string, string> = { accountNumber: d.accountNumber, routingNumber: d.routingNumber };
    if (d.holderName) v.holderName = d.holderName;
    if (d.firstName) v.firstName = d.firstName;
    if (d.lastName) v.lastName = d.lastName;
    return v;
  },
  unwrap: (stored) => stored,
};
