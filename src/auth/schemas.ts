// Request and response shapes of /auth/* and /api/user/settings (docs/api.md §4.1): validation and
// OpenAPI from one TypeBox schema each.
import { Type } from 'typebox';
import { ErrorBody, Ok } from '../http/schemas.js';

/** Every auth route answers errors in the one shape. */
export const ERRORS = { '4xx': ErrorBody, '5xx': ErrorBody };
/** OpenAPI security of the routes behind `requireUser` (a Bearer JWT, or the session cookie). */
export const BEARER = [{ bearer: [] }];

export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
// Length is enforced by the policy (so the answer is weak_password, not validation_error);
// the schema only caps what we are willing to hash.
export const Password = Type.String({ minLength: 1, maxLength: 1024 });
const Secret = Type.String({ minLength: 1, maxLength: 256 });

export const User = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  created_at: Type.String(),
  mfa_enabled: Type.Boolean(),
});

export const LoginBody = Type.Object({ email: Email, password: Password }, { additionalProperties: false, examples: [{ email: 'dev@example.com', password: 'correct horse battery staple' }] });
export const LoginData = Type.Object({
  token: Type.String(),
  expires_at: Type.String(),
  user: User,
  mfa_required: Type.Boolean(),
  mfa_enabled: Type.Boolean(),
  mfa_verified: Type.Boolean(),
});
export const LoginResult = Ok(LoginData);

export const Empty = Ok(Type.Object({}));

export const VerifyResult = Ok(
  Type.Object({
    valid: Type.Literal(true),
    user: User,
    session: Type.Object({ id: Type.String(), expires_at: Type.String() }),
    mfa_required: Type.Boolean(),
    mfa_enabled: Type.Boolean(),
    mfa_verified: Type.Boolean(),
  }),
);

export const ChangePasswordBody = Type.Object({ current_password: Password, new_password: Password }, { additionalProperties: false });
export const EmailBody = Type.Object({ email: Email }, { additionalProperties: false });
export const TokenQuery = Type.Object({ token: Secret }, { additionalProperties: false });
export const VerifyResetResult = Ok(Type.Object({ valid: Type.Literal(true), email_hint: Type.String() }));
export const ResetPasswordBody = Type.Object({ token: Secret, new_password: Password }, { additionalProperties: false });
export const ResetExpiredBody = Type.Object({ token: Secret, current_password: Password, new_password: Password }, { additionalProperties: false });

export const ExpiryInfo = Ok(
  Type.Object({
    password_changed_at: Type.String(),
    expires_at: Type.Union([Type.String(), Type.Null()]),
    days_remaining: Type.Union([Type.Integer(), Type.Null()]),
    expired: Type.Boolean(),
    max_age_days: Type.Integer(),
  }),
);

export const VerifyCodeBody = Type.Object({ email: Email, code: Type.String({ minLength: 1, maxLength: 16 }) }, { additionalProperties: false });
export const VerifyCodeResult = Ok(Type.Object({ verified: Type.Literal(true), verification_token: Type.String() }));

export const RegisterBody = Type.Object(
  { email: Email, password: Password, name: Type.String({ minLength: 1, maxLength: 200 }), verification_token: Secret },
  { additionalProperties: false },
);
export const RegisterResult = Ok(Type.Object({ user: User, token: Type.String(), expires_at: Type.String() }));

export const CodeBody = Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
export const MfaVerifyResult = Ok(Type.Object({ token: Type.String(), expires_at: Type.String(), mfa_verified: Type.Literal(true) }));
export const MfaBackupResult = Ok(
  Type.Object({ token: Type.String(), expires_at: Type.String(), mfa_verified: Type.Literal(true), backup_codes_remaining: Type.Integer() }),
);
export const MfaStatus = Ok(
  Type.Object({
    enabled: Type.Boolean(),
    pending: Type.Boolean(),
    mfa_required: Type.Boolean(),
    mfa_verified: Type.Boolean(),
    backup_codes_remaining: Type.Integer(),
  }),
);

const SettingsFields = {
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  created_at: Type.String(),
  mfa_enabled: Type.Boolean(),
  mfa_pending: Type.Boolean(),
  mfa_required: Type.Boolean(),
  password_changed_at: Type.String(),
  password_expires_at: Type.Union([Type.String(), Type.Null()]),
};
export const SettingsResult = Ok(
  Type.Object({
    ...SettingsFields,
    totp_uri: Type.Optional(Type.String()),
    backup_codes: Type.Optional(Type.Array(Type.String())),
  }),
);
export const SettingsBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    mfa_enabled: Type.Optional(Type.Boolean()),
    current_password: Type.Optional(Password),
  },
  { additionalProperties: false },
);
