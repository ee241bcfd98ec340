// Native TLS (TLS_CERT_FILE / TLS_KEY_FILE): both or neither, read and checked at start so a
// missing file, a key that does not match its certificate or a PEM that is not one is a clear
// start-up error rather than a listener that fails its first handshake. Not reloaded: a new
// certificate takes a restart (behind a reverse proxy, renewals are the proxy's business).
import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
}

function readPem(name: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new Error(`${name}=${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { cause: err });
  }
}

export function tlsFiles(certFile: string | undefined, keyFile: string | undefined): TlsFiles | null {
  if (!certFile && !keyFile) return null;
  if (!certFile || !keyFile) {
    throw new Error(`TLS_CERT_FILE and TLS_KEY_FILE go together: ${certFile ? 'TLS_KEY_FILE' : 'TLS_CERT_FILE'} is not set (set both for native TLS, or neither behind a TLS-terminating proxy)`);
  }
  const files = { cert: readPem('TLS_CERT_FILE', certFile), key: readPem('TLS_KEY_FILE', keyFile) };
  try {
    createSecureContext(files);
  } catch (err) {
    // OpenSSL's reason (e.g. "key values mismatch"), never the key itself.
    throw new Error(`TLS_CERT_FILE and TLS_KEY_FILE are not a usable certificate and key (${(err as Error).message})`, { cause: err });
  }
  return files;
}
