// Any UTF-8 secret of 1–4096 bytes (SSNs, emails, API secrets): §3.1 ext.
import { Type } from 'typebox';
import { invalidFields } from '../../http/errors.js';
import type { TokenTypeDescriptor } from './descriptor.js';
import { FORMAT } from '../../lib/token-formats.js';

const MAX_STRING_BYTES = 4096;

export const StringData = Type.String({ minLength: 1, description: 'Any UTF-8 string of 1–4096 bytes' });

export const string: TokenTypeDescriptor<typeof StringData> = {
  name: 'string',
  data: StringData,
  // The handler counts 1–4096 bytes, so never over 4096 characters.
  documented: Type.String({ minLength: 1, maxLength: MAX_STRING_BYTES, description: 'Any UTF-8 string of 1–4096 bytes' }),
  formats: [FORMAT.random, FORMAT.uuid],
  browserCapture: false,
  prepare(raw) {
    const value = raw as string;
    if (Buffer.byteLength(value) > MAX_STRING_BYTES) throw invalidFields([{ path: '/data', message: 'must be at most 4096 bytes' }]);
    return { stored: { value }, canonical: value, display: {}, cvv: null, digits: null };
  },
  // Nothing of a string secret is echoed, not even its length.
  view: () => ({ data: null, mask: { value: '********' } }),
  placeholders: (data) => ({ value: data as string }),
  unwrap: (stored) => (stored as { value: string }).value,
};
