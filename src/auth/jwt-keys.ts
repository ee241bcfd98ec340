// JWT signing keys: Ed25519 (EdDSA), kept in auth_signing_keys with the private key sealed under
// the active master key (AES-256-GCM, AAD 'jwt-signing-key:<kid>'). The newest unretired key
// signs; any stored key verifies, looked up by the `kid` header. The first node to need a key
// creates it under an advisory lock, so concurrent starts agree on one.
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { errors as joseErrors, importJWK, type JWK, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type pg from 'pg';
import type { Keyring } from '../crypto/keyring.js';
import { randomString } from '../lib/random.js';
import { VaultError } from '../http/errors.js';

const ALG = 'EdDSA';
const aad = (kid: string) => `jwt-signing-key:${kid}`;

export interface AccessClaims extends JWTPayload {
  sub: string;
  email: string;
  sid: string;
  mfa_required: boolean;
  mfa_enabled: boolean;
  mfa_verified: boolean;
}

export class SigningKeys {
  private signer: { kid: string; key: KeyObject } | null = null;
  private signerLoading: Promise<{ kid: string; key: KeyObject }> | null = null;
  private publicKeys = new Map<string, Promise<CryptoKey | Uint8Array | null>>();

  constructor(private pool: pg.Pool, private keyring: Keyring) {}

  private async loadSigner(): Promise<{ kid: string; key: KeyObject }> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("SELECT pg_advisory_xact_lock(hashtext('vault_jwt_signing_key'))");
      let { rows } = await client.query<{ kid: string; private_key: Buffer; master_key_id: string }>(
        'SELECT kid, private_key, master_key_id FROM auth_signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1',
      );
      if (rows.length === 0) {
        const kid = `jwk_${randomString(16)}`;
        const { publicKey, privateKey } = generateKeyPairSync('ed25519');
        const der = privateKey.export({ format: 'der', type: 'pkcs8' });
        const jwk = publicKey.export({ format: 'jwk' });
        const { keyId, sealed } = this.keyring.seal(der, aad(kid));
        await client.query(
          'INSERT INTO auth_signing_keys (kid, alg, public_jwk, private_key, master_key_id) VALUES ($1, $2, $3, $4, $5)',
          [kid, ALG, JSON.stringify({ ...jwk, alg: ALG, kid }), sealed, keyId],
        );
        rows = [{ kid, private_key: sealed, master_key_id: keyId }];
      }
      await client.query('COMMIT');
      const row = rows[0];
      const der = this.keyring.open(row.master_key_id, row.private_key, aad(row.kid));
      return { kid: row.kid, key: createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) };
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }

  private async current() {
    if (this.signer) return this.signer;
    this.signerLoading ??= this.loadSigner().finally(() => (this.signerLoading = null));
    this.signer = await this.signerLoading;
    return this.signer;
  }

  async sign(claims: Omit<AccessClaims, 'iat' | 'exp'>, issuedAt: Date, expiresAt: Date): Promise<string> {
    const { kid, key } = await this.current();
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: ALG, kid, typ: 'JWT' })
      .setIssuedAt(Math.floor(issuedAt.getTime() / 1000))
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(key);
  }

  private publicKey(kid: string): Promise<CryptoKey | Uint8Array | null> {
    let p = this.publicKeys.get(kid);
    if (!p) {
      p = this.pool
        .query<{ public_jwk: JWK }>('SELECT public_jwk FROM auth_signing_keys WHERE kid = $1 AND alg = $2', [kid, ALG])
        .then(({ rows }) => (rows.length ? importJWK(rows[0].public_jwk, ALG) : null));
      this.publicKeys.set(kid, p);
      // An unknown kid is not remembered, so the map cannot be grown by garbage tokens.
      p.then((k) => { if (!k) this.publicKeys.delete(kid); }, () => this.publicKeys.delete(kid));
    }
    return p;
  }

  /**
   * Verifies signature, algorithm (EdDSA only: `none`, HS* and RS* are refused before any key is
   * used), kid and expiry against `now`. Every failure is the same 401 `invalid_token`.
   */
  async verify(token: string, now: Date): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(
        token,
        async (header) => {
          if (header.alg !== ALG || typeof header.kid !== 'string' || header.kid.length > 64) throw new joseErrors.JWSInvalid('bad header');
          const key = await this.publicKey(header.kid);
          if (!key) throw new joseErrors.JWKSNoMatchingKey();
          return key;
        },
        { algorithms: [ALG], currentDate: now, requiredClaims: ['sub', 'sid', 'exp', 'iat'] },
      );
      if (typeof payload.sid !== 'string' || typeof payload.sub !== 'string') throw new Error('bad claims');
      return payload as AccessClaims;
    } catch (e) {
      if (e instanceof Error && /ECONNREFUSED|Connection terminated/.test(e.message)) throw e;
      throw new VaultError('invalid_token');
    }
  }
}
