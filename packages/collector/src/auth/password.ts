// Passwords, hashed with scrypt from node:crypto (no native dependency to
// build). Each hash carries its own salt and parameters, in the PHC string
// format (`$scrypt$ln=15,r=8,p=3$<salt>$<hash>`), so the parameters can be
// raised later: a sign-in with an older hash stores a new one.
//
// Parameters: OWASP's Password Storage Cheat Sheet lists N=2^17,r=8,p=1 and,
// as equal in work, N=2^15,r=8,p=3. We take the second: the same CPU cost
// for 32 MiB of memory per hash instead of 128 MiB, which a small VM with
// several sign-ins at once can afford. At most two hashes run at once (the
// rest wait in a short queue, then 503), so a burst of sign-ins cannot take
// the CPU from ingest or the memory from the database.
import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { gate } from '../server/load.js';

/** The parameters new hashes get. */
export const SCRYPT = Object.freeze({ ln: 15, r: 8, p: 3, keyLength: 32, saltLength: 16 });

/** Shortest password accepted (NIST SP 800-63B-4: 15 for a password used alone). */
export const MIN_PASSWORD_LENGTH = 15;
/** Longest password accepted: far above any passphrase, low enough to bound the work. */
export const MAX_PASSWORD_LENGTH = 256;

const hashing = gate(2, 64, 10_000);

function derive(password: string, salt: Buffer, ln: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  const N = 2 ** ln;
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  return hashing.run(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        // NFKC: the same password typed on two keyboards (composed or not) is the same password (NIST 800-63B).
        scrypt(password.normalize('NFKC'), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key))),
      ),
  );
}

/** Why a password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: unknown): string | undefined {
  if (typeof password !== 'string') return 'must be a string';
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `must have at least ${MIN_PASSWORD_LENGTH} characters (a passphrase of a few words is good)`;
  if (length > MAX_PASSWORD_LENGTH) return `must have at most ${MAX_PASSWORD_LENGTH} characters`;
  return undefined;
}

/** A new hash of `password` with a fresh salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SCRYPT.saltLength);
  const key = await derive(password, salt, SCRYPT.ln, SCRYPT.r, SCRYPT.p, SCRYPT.keyLength);
  return `$scrypt$ln=${SCRYPT.ln},r=${SCRYPT.r},p=${SCRYPT.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

const PHC_RE = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{32,})$/;

/** True when `password` is the one `stored` was made from (constant-time comparison). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = PHC_RE.exec(stored);
  if (!m) return false;
  const [ln, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // A hash from a damaged row must not make the collector allocate gigabytes.
  if (ln < 10 || ln > 20 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const expected = Buffer.from(m[5]!, 'base64url');
  const key = await derive(password, Buffer.from(m[4]!, 'base64url'), ln, r, p, expected.length);
  return timingSafeEqual(key, expected);
}

/** True when `stored` was made with other parameters than new hashes get. */
export function needsRehash(stored: string): boolean {
  const m = PHC_RE.exec(stored);
  return !m || Number(m[1]) !== SCRYPT.ln || Number(m[2]) !== SCRYPT.r || Number(m[3]) !== SCRYPT.p;
}

let dummy: Promise<string> | undefined;

/**
 * Does the work of checking a password against an account that does not
 * exist, so an unknown email takes as long to refuse as a wrong password.
 */
export async function verifyNobody(password: string): Promise<false> {
  await verifyPassword(password, await (dummy ??= hashPassword(randomBytes(16).toString('hex'))));
  return false;
}

// No 0/O, 1/l/I: a printed password is read and typed by people.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A random password of 4 groups of 5 characters (100 bits), e.g. `k7qm2-x9vtp-a3wre-hh4nz`. */
export function generatePassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = '';
    for (let i = 0; i < 5; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}
