// React bindings: a provider that owns one OzVault, and one component per field.
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { create, type ElementEvents, type ElementOptions, type OzElement, type OzVault, type VaultOptions } from './index.js';
import { BANK_FIELDS, type FieldType } from './protocol.js';

const VaultContext = createContext<OzVault | null>(null);

/** Creates the vault on mount (and again if pubKey or vaultUrl change); destroys it on unmount. */
export function ElementsProvider({ options, children }: { options: VaultOptions; children?: ReactNode }) {
  const [vault, setVault] = useState<OzVault | null>(null);
  const latest = useRef(options);
  latest.current = options;
  useEffect(() => {
    const v = create(latest.current);
    setVault(v);
    return () => v.destroy();
  }, [options.pubKey, options.vaultUrl]);
  return <VaultContext.Provider value={vault}>{children}</VaultContext.Provider>;
}

/** Ozura's name for the provider. */
export const OzElements = ElementsProvider;

/** The provider's vault (null until it is created): call `createToken` on it. */
export function useVault(): OzVault | null {
  return useContext(VaultContext);
}

export interface FieldProps extends ElementOptions {
  className?: string;
  onReady?: (e: ElementEvents['ready']) => void;
  onChange?: (e: ElementEvents['change']) => void;
  onFocus?: (e: ElementEvents['focus']) => void;
  onBlur?: (e: ElementEvents['blur']) => void;
  onLoadError?: (e: ElementEvents['loaderror']) => void;
}

function Field({ type, className, onReady, onChange, onFocus, onBlur, onLoadError, ...options }: FieldProps & { type: FieldType }) {
  const vault = useVault();
  const host = useRef<HTMLDivElement>(null);
  // The latest props, read by the listeners and effects below: a new handler or style never
  // re-creates the frame (only a new vault or type does).
  const latest = useRef({ options, handlers: { onReady, onChange, onFocus, onBlur, onLoadError } });
  latest.current = { options, handlers: { onReady, onChange, onFocus, onBlur, onLoadError } };
  const element = useRef<OzElement | null>(null);
  useEffect(() => {
    if (!vault || !host.current) return;
    const opts = latest.current.options;
    const el = (BANK_FIELDS as readonly string[]).includes(type)
      ? vault.createBankElement(type as 'accountNumber', opts)
      : vault.createElement(type as 'cardNumber', opts);
    const h = () => latest.current.handlers;
    el.on('ready', (e) => h().onReady?.(e))
      .on('change', (e) => h().onChange?.(e))
      .on('focus', (e) => h().onFocus?.(e))
      .on('blur', (e) => h().onBlur?.(e))
      .on('loaderror', (e) => h().onLoadError?.(e))
      .mount(host.current);
    element.current = el;
    return () => el.destroy();
  }, [vault, type]);
  const style = JSON.stringify(options);
  useEffect(() => {
    element.current?.update(latest.current.options);
  }, [style]);
  return <div ref={host} className={className} />;
}

export const CardNumberElement = (p: FieldProps) => <Field type="cardNumber" {...p} />;
export const ExpirationDateElement = (p: FieldProps) => <Field type="expirationDate" {...p} />;
export const CvvElement = (p: FieldProps) => <Field type="cvv" {...p} />;
export const AccountNumberElement = (p: FieldProps) => <Field type="accountNumber" {...p} />;
export const RoutingNumberElement = (p: FieldProps) => <Field type="routingNumber" {...p} />;
