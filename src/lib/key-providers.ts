// Where the master keys live: the closed vocabulary, in one place (values, TypeBox schema, type).
// test/architecture.test.ts fails on 'pkcs11' as a literal anywhere else in src/ ('keyring' is
// also a NOTIFY kind and a config field, so the check leaves that word alone).
import { Type } from 'typebox';

export const KEY_PROVIDERS = ['keyring', 'pkcs11'] as const;
export type KeyProvider = (typeof KEY_PROVIDERS)[number];
export const KeyProviderSchema = Type.Union([Type.Literal('keyring'), Type.Literal('pkcs11')]);

/** By name: `KEY_PROVIDER.pkcs11`. */
export const KEY_PROVIDER = { keyring: 'keyring', pkcs11: 'pkcs11' } as const satisfies Record<KeyProvider, KeyProvider>;

export const isKeyProvider = (v: unknown): v is KeyProvider => (KEY_PROVIDERS as readonly unknown[]).includes(v);
