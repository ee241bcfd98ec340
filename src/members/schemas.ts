import { Type } from 'typebox';

import { RoleSchema } from '../lib/roles.js';

export { RoleSchema };

export const Member = Type.Object({ user_id: Type.String(), email: Type.String(), name: Type.String(), role: RoleSchema, created_at: Type.String() });
export const memberView = <M extends { created_at: Date }>(m: M) => ({ ...m, created_at: m.created_at.toISOString() });

export const InviteBody = Type.Object(
  { email: Type.String({ minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' }), role: RoleSchema },
  { additionalProperties: false },
);
export const Invited = Type.Object({ email: Type.String(), role: RoleSchema, status: Type.Literal('invited') });
export const Invitation = Type.Object({
  id: Type.String(),
  project_id: Type.String(),
  project_name: Type.String(),
  email: Type.String(),
  role: RoleSchema,
  invited_by: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
  expires_at: Type.String(),
});
export const invitationView = <R extends { created_at: Date; expires_at: Date }>(r: R) => ({ ...r, created_at: r.created_at.toISOString(), expires_at: r.expires_at.toISOString() });

export { IdParams } from '../http/schemas.js';
export const MemberParams = Type.Object({ id: Type.String({ maxLength: 64 }), user_id: Type.String({ maxLength: 64 }) });
export const ProjectInvitationParams = Type.Object({ id: Type.String({ maxLength: 64 }), invitation_id: Type.String({ maxLength: 64 }) });
