// Project roles: the closed vocabulary, in one place (values, TypeBox schema, type, rank).
// test/architecture.test.ts fails on these words as literals anywhere else in src/.
import { Type } from 'typebox';

/** Highest first. */
export const ROLES = ['owner', 'admin', 'developer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('developer'), Type.Literal('viewer')]);

/** By name, for code that means one of them: `ROLE.owner`. */
export const ROLE = { owner: 'owner', admin: 'admin', developer: 'developer', viewer: 'viewer' } as const satisfies Record<Role, Role>;

/** owner 4 … viewer 1. */
export const rankOf = (role: Role) => ROLES.length - ROLES.indexOf(role);
