import { Type } from 'typebox';
import { Permissions } from '../applications/permissions.js';

import { EnvironmentSchema } from '../lib/environments.js';

export { EnvironmentSchema };
export const ProjectName = Type.String({ minLength: 1, maxLength: 100 });
export const ApplicationName = Type.String({ minLength: 3, maxLength: 50 });

export const ProjectView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  environment: Type.String(),
  parent_id: Type.Union([Type.String(), Type.Null()]),
  require_mfa: Type.Boolean(),
  deduplicate: Type.Boolean(),
  token_format: Type.String({ description: 'The format of tokens whose request names none (docs/tokens.md, "Formats")' }),
  proxy_allowed_hosts: Type.Union([Type.Array(Type.String()), Type.Null()]),
  elements_origins: Type.Array(Type.String()),
  created_at: Type.String(),
});

export const ProvisionBody = Type.Object(
  {
    name: ProjectName,
    environment: Type.Optional(EnvironmentSchema),
    applications: Type.Optional(
      Type.Array(Type.Object({ name: ApplicationName, permissions: Permissions }, { additionalProperties: false }), { maxItems: 20 }),
    ),
  },
  { additionalProperties: false },
);

export const ProvisionResult = Type.Object({
  success: Type.Literal(true),
  data: Type.Object({
    project: ProjectView,
    applications: Type.Array(
      Type.Object({ id: Type.String(), name: Type.String(), api_key: Type.String(), pub_key: Type.String(), permissions: Permissions }),
    ),
  }),
});

export function projectView(p: {
  id: string; name: string; environment: string; parent_id: string | null; require_mfa: boolean; deduplicate: boolean; token_format: string;
  proxy_allowed_hosts: string[] | null; elements_origins: string[]; created_at: Date;
}) {
  return {
    id: p.id,
    name: p.name,
    environment: p.environment,
    parent_id: p.parent_id,
    require_mfa: p.require_mfa,
    deduplicate: p.deduplicate,
    token_format: p.token_format,
    proxy_allowed_hosts: p.proxy_allowed_hosts,
    elements_origins: p.elements_origins,
    created_at: p.created_at.toISOString(),
  };
}
