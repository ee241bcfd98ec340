import { Type, type Static } from 'typebox';

const Allowed = Type.Object({ allowed: Type.Boolean() });

/** Ozura's permission shape; `detokenization` is our extension and follows tokenization when absent. */
export const Permissions = Type.Object({
  tokenization: Type.Optional(Allowed),
  provisioning: Type.Optional(Allowed),
  detokenization: Type.Optional(Allowed),
});
export type Permissions = Static<typeof Permissions>;
export type Permission = 'tokenization' | 'provisioning' | 'detokenization';

export const ALL_PERMISSIONS: Permissions = {
  tokenization: { allowed: true },
  provisioning: { allowed: true },
  detokenization: { allowed: true },
};

export function allows(p: Permissions, what: Permission): boolean {
  if (what === 'detokenization' && p.detokenization === undefined) return p.tokenization?.allowed === true;
  return p[what]?.allowed === true;
}
