// Shapes shared by every domain: the error envelope of docs/api.md §0 and the success envelope.
import { Type, type TSchema } from 'typebox';

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
