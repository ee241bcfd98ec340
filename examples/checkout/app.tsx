// The merchant's checkout page, with the React wrapper of @open-vault/elements. The card fields are
// the vault's iframes: this code never sees the card number or the CVV, only events and a token.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { ChangeEvent } from '@open-vault/elements';
import { CardNumberElement, CvvElement, ElementsProvider, ExpirationDateElement, useVault } from '@open-vault/elements/react';

const config = JSON.parse(document.getElementById('config')?.textContent ?? '{}') as { vaultUrl: string; pubKey: string; sessionLimit: number };

const fieldStyle = { base: { fontSize: '16px', color: '#1a1f36' }, invalid: { color: '#b3261e' } };

function Checkout() {
  const vault = useVault();
  const [name, setName] = useState('Ada Lovelace');
  const [states, setStates] = useState<Record<string, ChangeEvent>>({});
  const [status, setStatus] = useState<{ kind: 'idle' | 'busy' | 'paid' | 'error'; text: string }>({ kind: 'idle', text: '' });
  const onChange = (e: ChangeEvent) => setStates((s) => ({ ...s, [e.elementType]: e }));
  const ready = ['cardNumber', 'expirationDate', 'cvv'].every((t) => states[t]?.complete && states[t]?.valid);
  const brand = states.cardNumber?.brand;

  async function pay(e: React.FormEvent) {
    e.preventDefault();
    if (!vault) return;
    setStatus({ kind: 'busy', text: 'Paying…' });
    try {
      const { token, cvcSession, card } = await vault.createToken({ billing: { name } });
      const res = await fetch('/api/pay', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, cvcSession, amount: 2000 }) });
      const body = (await res.json()) as { charge?: string; error?: string };
      if (!res.ok) throw new Error(body.error ?? 'payment failed');
      setStatus({ kind: 'paid', text: `Paid $20.00 with ${card.brand} ending ${card.last4} (charge ${body.charge})` });
    } catch (err) {
      setStatus({ kind: 'error', text: `Payment failed: ${(err as Error).message}` });
    }
  }

  return (
    <form className="checkout" onSubmit={pay} noValidate>
      <h1>Checkout</h1>
      <p className="total">Open Vault T-shirt <strong>$20.00</strong></p>
      <label htmlFor="name">Name on card</label>
      <input id="name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="cc-name" />
      <div className="label" id="card-label">Card number {brand && brand !== 'unknown' && <span className="brand">{brand}</span>}</div>
      <CardNumberElement className="frame" style={fieldStyle} onChange={onChange} />
      <div className="row">
        <div>
          <div className="label">Expiration</div>
          <ExpirationDateElement className="frame" style={fieldStyle} onChange={onChange} />
        </div>
        <div>
          <div className="label">CVV</div>
          <CvvElement className="frame" style={fieldStyle} onChange={onChange} />
        </div>
      </div>
      <button type="submit" disabled={!ready || status.kind === 'busy'}>Pay $20.00</button>
      <p role="status" className={`status ${status.kind}`}>{status.text}</p>
      <p className="note">Card fields are served by the vault; this page only ever receives a token.</p>
    </form>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ElementsProvider options={{ pubKey: config.pubKey, vaultUrl: config.vaultUrl, sessionUrl: '/api/session', sessionLimit: config.sessionLimit }}>
      <main>
        <Checkout />
      </main>
    </ElementsProvider>
  </StrictMode>,
);
