// Shapes shared by every domain: the error envelope of docs/api.md §0, the success envelope, and the
// small atoms every feature's schemas reuse (one definition each, so the document stays uniform).
import { Type, type TSchema } from 'typebox';

/** `t` or JSON null. */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const NullableString = Nullable(Type.String());

/** `:id` of a project-scoped path (a project id). */
export const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export const ErrorBody = Type.Object({
  success: Type.Literal(false),
  message: Type.String(),
  data: Type.Null(),
  error: Type.Object(
    {
      code: Type.String(),
      request_id: Type.String(),
      details: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
    },
    { additionalProperties: true },
  ),
  retry_after_seconds: Type.Optional(Type.Integer()),
});

export const Ok = <T extends TSchema>(data: T) => Type.Object({ success: Type.Literal(true), data });
