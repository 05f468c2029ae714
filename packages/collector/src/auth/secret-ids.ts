// Session ids and API tokens: 32 random bytes each, stored only as their
// SHA-256. A slow hash (scrypt, argon2) protects secrets people choose,
// which are few enough to try them all; a uniformly random 256-bit value
// cannot be found from its SHA-256 by trying, so a fast hash loses nothing,
// and it keeps every authenticated request cheap (a token is hashed on each
// one, where scrypt would cost 100 ms and invite a denial of service).
// Looking a hash up by index leaks nothing useful by timing either: the
// attacker would learn about the hash, not about a token that matches it.
import { createHash, randomBytes } from 'node:crypto';

/**
 * Prefix of API tokens, so secret scanners (GitHub's, gitleaks) can find
 * one pasted into a repository, and a reader can tell it from the config
 * secret.
 */
export const TOKEN_PREFIX = 'sayso_';

const TOKEN_RE = /^sayso_[A-Za-z0-9_-]{43}$/;

/** A new session id for the studio cookie (base64url of 32 random bytes). */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** A new API token: `sayso_` and the base64url of 32 random bytes (49 characters). */
export function newApiToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** True for something shaped like an API token (checked before any lookup). */
export function isApiTokenShape(value: string): boolean {
  return TOKEN_RE.test(value);
}

/** What is stored for a session id or token: its SHA-256, hex. */
export function secretHash(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
