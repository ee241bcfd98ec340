// A project's `elements_origins`: the merchant pages allowed to embed the card frames, sent as
// the frames' CSP frame-ancestors. https origins (a leading `*.` wildcard allowed); plain
// `http://localhost[:port|:*]` only in development projects (docs/api.md §2.4).
import { Type } from 'typebox';
import { VaultError } from '../http/errors.js';
import { ENV } from '../lib/environments.js';

const HOST = String.raw`(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*`;
const HTTPS = String.raw`https://${HOST}(:[0-9]{1,5})?`;
const LOCAL = String.raw`http://localhost(:([0-9]{1,5}|\*))?`;

export const ElementsOrigins = Type.Array(Type.String({ maxLength: 300, pattern: `^(${HTTPS}|${LOCAL})$` }), { maxItems: 50, uniqueItems: true });

/** Throws unless every http origin belongs to a development project. */
export function checkElementsOrigins(origins: string[], environment: string) {
  const i = origins.findIndex((o) => o.startsWith('http:'));
  if (i >= 0 && environment !== ENV.development) {
    throw new VaultError('elements_origin_http', {
      details: [{ path: `/elements_origins/${i}`, message: 'must be an https origin outside development projects' }],
    });
  }
}

/** The CSP frame-ancestors value for a project's origins ('none' when it lists none). */
export function frameAncestors(origins: string[]): string {
  return origins.length > 0 ? origins.join(' ') : "'none'";
}
