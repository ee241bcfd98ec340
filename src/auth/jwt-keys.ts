// JWT signing keys: Ed25519 (EdDSA), kept in auth_signing_keys with the private key sealed under
// the active master key (AES-256-GCM, AAD 'jwt-signing-key:<kid>'). The newest unretired key
// signs; any stored key verifies, looked up by the `kid` header. The first node to need a key
// creates it under an advisory lock, so concurrent starts agree on one.
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { errors as joseErrors, importJWK, type JWK, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { type Kysely, sql } from 'kysely';
import type { Keyring } from '../crypto/keyring.js';
import type { DB } from '../db/schema.js';
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

  constructor(private db: Kysely<DB>, private keyring: Keyring) {}

  private async loadSigner(): Promise<{ kid: string; key: KeyObject }> {
    const row = await this.db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext('vault_jwt_signing_key'))`.execute(trx);
      const found = await trx
        .selectFrom('auth_signing_keys')
        .select(['kid', 'private_key', 'master_key_id'])
        .where('retired_at', 'is', null)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (found) return found;
      const kid = `jwk_${randomString(16)}`;
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const der = privateKey.export({ format: 'der', type: 'pkcs8' });
      const jwk = publicKey.export({ format: 'jwk' });
      const { keyId, sealed } = this.keyring.seal(der, aad(kid));
      await trx
        .insertInto('auth_signing_keys')
        .values({ kid, alg: ALG, public_jwk: JSON.stringify({ ...jwk, alg: ALG, kid }), private_key: sealed, master_key_id: keyId })
        .execute();
      return { kid, private_key: sealed, master_key_id: keyId };
    });
    const der = this.keyring.open(row.master_key_id, row.private_key, aad(row.kid));
    return { kid: row.kid, key: createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) };
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
      p = this.db
        .selectFrom('auth_signing_keys')
        .select('public_jwk')
        .where('kid', '=', kid)
        .where('alg', '=', ALG)
        .executeTakeFirst()
        .then((row) => (row ? importJWK(row.public_jwk as JWK, ALG) : null));
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
