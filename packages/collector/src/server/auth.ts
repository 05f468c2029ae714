// Reading is behind the config's secret: as a Bearer token for the API, or
// as a session cookie after the report's sign-in form. The cookie holds an
// expiry and an HMAC of it under the secret, so sessions need no server
// state and survive restarts and load balancers.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';

/** Name of the report's session cookie. */
export const SESSION_COOKIE = 'sayso_session';
/** How long a report session lasts. */
export const SESSION_MS = 12 * 3600_000;

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function mac(secret: string, expires: number): string {
  return createHmac('sha256', secret).update(`sayso-session:${expires}`).digest('base64url');
}

/** A new session token valid until `now + SESSION_MS`. */
export function sessionToken(secret: string, now = Date.now()): string {
  const expires = now + SESSION_MS;
  return `${expires}.${mac(secret, expires)}`;
}

/** True for an unexpired token made with `secret`. */
export function validSession(secret: string, token: string | undefined, now = Date.now()): boolean {
  if (!token) return false;
  const [exp, sig] = token.split('.');
  const expires = Number(exp);
  if (!Number.isSafeInteger(expires) || expires < now || !sig) return false;
  return safeEqual(sig, mac(secret, expires));
}

/** True when the request carries the secret (Bearer) or a valid session cookie. */
export function authorized(c: Context, secret: string): boolean {
  const auth = c.req.header('authorization');
  if (auth?.startsWith('Bearer ')) return safeEqual(auth.slice(7).trim(), secret);
  return validSession(secret, getCookie(c, SESSION_COOKIE));
}

/** Constant-time check of a secret typed into the sign-in form. */
export function secretMatches(secret: string, given: string): boolean {
  return safeEqual(given, secret);
}
