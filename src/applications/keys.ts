// API key and pub key formats of docs/api.md §2.1. API keys carry ≥ 190 bits of randomness, so a
// fast SHA-256 is the right hash for them (password-grade hashing would only slow the hot path).
import { createHash } from 'node:crypto';
import { randomString } from '../lib/random.js';
import { ENV } from '../lib/environments.js';

export const API_KEY_RE = /^key_[a-z0-9]{1,24}_[a-z]{2,8}_pvt_[A-Za-z0-9]{32,64}$/;

export function appSlug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 24) || 'app';
}

export function newApiKey(appName: string, region: string): string {
  return `key_${appSlug(appName)}_${region}_pvt_${randomString(40)}`;
}

/** `<app id without prefix>` keeps the pub key traceable to its application. */
export function newPubKey(appId: string, environment: string): string {
  const env = environment === ENV.production ? 'prod' : 'test';
  return `pk_${env}_${appId.slice(4)}_${randomString(40)}`;
}

export function hashApiKey(apiKey: string): Buffer {
  return createHash('sha256').update(apiKey).digest();
}

/** What is shown in listings: enough to recognise a key, far too little to use it. */
export function displayPrefix(apiKey: string): string {
  const i = apiKey.indexOf('_pvt_') + 5;
  return `${apiKey.slice(0, i + 4)}…`;
}
