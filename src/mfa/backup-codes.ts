// Ten single-use backup codes per enrolment: 16 characters of Crockford-like base32 (80 bits),
// shown once as xxxx-xxxx-xxxx-xxxx and stored only as SHA-256 (their entropy makes a slow hash
// unnecessary). Input is normalised: case, spaces and dashes do not matter.
import { createHash } from 'node:crypto';
import { randomString } from '../lib/random.js';

const ALPHABET = 'abcdefghjkmnpqrstvwxyz0123456789';
const BACKUP_CODE_COUNT = 10;

export function newBackupCodes(): string[] {
  return Array.from({ length: BACKUP_CODE_COUNT }, () => randomString(16, ALPHABET).match(/.{4}/g)!.join('-'));
}

function normaliseBackupCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

export function hashBackupCode(code: string): Buffer {
  return createHash('sha256').update('backup:' + normaliseBackupCode(code)).digest();
}
